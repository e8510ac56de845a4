using Yibao.Storage;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// On PostgreSQL, listens for moves of the reference revision and for sign-outs for as long as the
/// server runs, so that a request reads the revision only after a move, and an open sign-in only
/// once until a sign-out (<see cref="ChangeSignals"/>). On SQLite there is nothing to listen to:
/// each unit of work reads them, in-process.
/// </summary>
internal sealed class ChangeSignalListener(StorageOptions storage, ILogger<ChangeSignalListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => storage.Provider == DatabaseProvider.Postgres
        ? storage.Signals.ListenAsync(storage.ConnectionString, logger, stoppingToken)
        : Task.CompletedTask;
}
