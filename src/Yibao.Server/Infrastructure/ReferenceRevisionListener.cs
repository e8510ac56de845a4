using Yibao.Storage;
using Yibao.Storage.Reference;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// On PostgreSQL, listens for moves of the reference revision for as long as the server runs, so
/// that a request reads the revision only after one (<see cref="ReferenceRevisionSignal"/>). On
/// SQLite there is nothing to listen to: each unit of work reads it, in-process.
/// </summary>
internal sealed class ReferenceRevisionListener(StorageOptions storage, ILogger<ReferenceRevisionListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => storage.Provider == DatabaseProvider.Postgres
        ? storage.ReferenceSignal.ListenAsync(storage.ConnectionString, logger, stoppingToken)
        : Task.CompletedTask;
}
