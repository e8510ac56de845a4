using Microsoft.EntityFrameworkCore;
using Yibao.Application.Policies;
using Yibao.Storage;

namespace Yibao.Server.Features.Policies;

/// <summary>Wakes the runner when a run is queued, instead of at its next look.</summary>
internal sealed class SimulationQueue
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake() => _signal.Release();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Runs queued what-if simulations in the background, one at a time, so that a page or a request
/// never waits for one. Runs are claimed in the database, so that several server processes share
/// the queue; a run a stopped server left running is marked failed when the server starts again.
/// </summary>
internal sealed class SimulationRunner(IServiceScopeFactory scopes, SimulationQueue queue, ILogger<SimulationRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Look = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await FailInterruptedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var id in await QueuedAsync(stoppingToken))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var ran = await scope.ServiceProvider.GetRequiredService<RunSimulationHandler>().HandleAsync(new RunSimulation(id), null, stoppingToken);
                    if (ran.IsSuccess)
                    {
                        logger.LogInformation("Simulation {Id} re-settled {Count} settlements", id, ran.Value.Resettled);
                    }
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
                logger.LogError(ex, "A simulation failed");
            }
        }
    }

    private async Task<List<long>> QueuedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YibaoDbContext>();
        return await db.SimulationRuns.Where(r => r.Status == SimulationStatus.Queued).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    private async Task FailInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YibaoDbContext>();
        using var entered = await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(db, cancellationToken);
        await db.SimulationRuns.Where(r => r.Status == SimulationStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, SimulationStatus.Failed).SetProperty(r => r.Report, "interrupted: the server stopped; start the simulation again"), cancellationToken);
    }
}
