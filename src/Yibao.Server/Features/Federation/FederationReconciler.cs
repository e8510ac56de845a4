using Microsoft.Extensions.Options;
using Yibao.Application.Federation;

namespace Yibao.Server.Features.Federation;

/// <summary>
/// At a node, every <see cref="FederationOptions.ReconcileEverySeconds"/>: resolves the entries applied
/// for treatment nodes that are old enough (<see cref="ReconcileFederationEntriesHandler"/>). Runs at
/// start too, so a node that was down resolves what it left at once.
/// </summary>
internal sealed class FederationReconciler(IServiceScopeFactory scopes, IOptions<YibaoOptions> options, ILogger<FederationReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Federation;
        if (!settings.IsNode || settings.ReconcileEverySeconds <= 0)
        {
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.ReconcileEverySeconds)); // real time: peers' clocks are real
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<ReconcileFederationEntriesHandler>().HandleAsync(new ReconcileFederationEntries(), stoppingToken);
                if (report.IsSuccess && report.Value.Asked > 0)
                {
                    logger.LogInformation("Federation reconciler: {Asked} entries asked about, {Committed} kept, {Aborted} undone, {Unanswered} left for later",
                        report.Value.Asked, report.Value.Committed, report.Value.Aborted, report.Value.Unanswered);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (Infrastructure.Faults.IsExpected(e) || Storage.DbErrors.IsUnavailable(e))
            {
                logger.LogWarning("Federation reconciler: {Reason}; trying again later", e.GetBaseException().Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
