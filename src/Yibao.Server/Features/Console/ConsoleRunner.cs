using Microsoft.EntityFrameworkCore;
using Yibao.Application.Policies;
using Yibao.Application.Reference;
using Yibao.Storage;

namespace Yibao.Server.Features.Console;

/// <summary>Wakes the runner when the console queues a run, instead of at its next look.</summary>
internal sealed class ConsoleRuns
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake() => _signal.Release();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Runs what the console queues, in the background, one at a time, so that no page or request waits
/// for one: what-if simulations and catalogue imports. Runs are claimed in the database, so that
/// several server processes share the queues; a run a stopped server left running is marked failed
/// when the server starts again.
/// </summary>
internal sealed class ConsoleRunner(IServiceScopeFactory scopes, ConsoleRuns queue, ILogger<ConsoleRunner> logger) : BackgroundService
{
    private const string Interrupted = "interrupted: the server stopped; start it again";
    private static readonly TimeSpan Look = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var (failures, marked) = (0, false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!marked)
                {
                    await FailInterruptedAsync(stoppingToken);
                    marked = true;
                }

                var (simulations, imports) = await QueuedAsync(stoppingToken);
                failures = 0;
                foreach (var id in simulations)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var ran = await scope.ServiceProvider.GetRequiredService<RunSimulationHandler>().HandleAsync(new RunSimulation(id), null, stoppingToken);
                    logger.LogInformation("Simulation {Id}: {Outcome}", id, ran.IsSuccess ? $"re-settled {ran.Value.Resettled} settlements" : ran.Error.ToString());
                }

                foreach (var id in imports)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var ran = await scope.ServiceProvider.GetRequiredService<RunCatalogueImportHandler>().HandleAsync(new RunCatalogueImport(id), stoppingToken);
                    logger.LogInformation("Catalogue import {Id}: {Outcome}", id, ran.IsSuccess ? $"version {ran.Value}" : ran.Error.ToString());
                }

                await queue.WaitAsync(Look, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // one failed run is recorded on the run; the runner goes on to the next
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // Looked for again later, not at once: a database that is down would otherwise be asked thousands of times a second.
                var delay = Backoff(++failures);
                if (DbErrors.IsUnavailable(ex))
                {
                    logger.LogWarning("Console runs: the database cannot be reached ({Reason}); looking again in {Delay} s", ex.GetBaseException().Message, delay.TotalSeconds);
                }
                else
                {
                    logger.LogError(ex, "A console run failed");
                }

                if (!await PauseAsync(delay, stoppingToken))
                {
                    return;
                }
            }
        }
    }

    /// <summary>How long the runner waits after its <paramref name="failures"/>th failure in a row: 1 s, doubling, at most 30 s.</summary>
    internal static TimeSpan Backoff(int failures) => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Clamp(failures - 1, 0, 5))));

    private static async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<(List<long> Simulations, List<long> Imports)> QueuedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YibaoDbContext>();
        return (
            await db.SimulationRuns.Where(r => r.Status == RunStatus.Queued).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken),
            await db.CatalogueImports.Where(r => r.Status == RunStatus.Queued).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken));
    }

    private async Task FailInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YibaoDbContext>();
        using var entered = await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(db, cancellationToken);
        await db.SimulationRuns.Where(r => r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.Report, Interrupted), cancellationToken);
        await db.CatalogueImports.Where(r => r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.Problems, Interrupted), cancellationToken);
    }
}
