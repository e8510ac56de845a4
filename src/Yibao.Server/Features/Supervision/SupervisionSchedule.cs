using Microsoft.Extensions.Options;
using Yibao.Application.Supervision;

namespace Yibao.Server.Features.Supervision;

/// <summary>
/// The scheduled after-event run: looks at start and then every
/// <see cref="SupervisionOptions.ScheduleCheckSeconds"/> whether the month before is due
/// (<see cref="RunDueSupervisionHandler"/>), and runs it. Several servers may look at once: the
/// run raises each finding once whoever runs it.
/// </summary>
internal sealed class SupervisionSchedule(IServiceScopeFactory scopes, TimeProvider clock, IOptions<YibaoOptions> options, ILogger<SupervisionSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Supervision;
        if (settings.MonthlyRunDay <= 0)
        {
            return; // switched off: `yibao supervise` runs it
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.ScheduleCheckSeconds)), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var ran = await scope.ServiceProvider.GetRequiredService<RunDueSupervisionHandler>().HandleAsync(new RunDueSupervision(), stoppingToken);
                if (!ran.IsSuccess)
                {
                    logger.LogError("The scheduled supervision run was refused: {Error}", ran.Error);
                }
                else if (ran.Value is { } report)
                {
                    logger.LogInformation("Supervision of {Period}: {Claims} claims judged, {Raised} findings raised into the review queue ({Already} raised before)", report.Period, report.Claims, report.Raised, report.AlreadyRaised);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // one failed run (a database blip, a race with another server) must not stop the next look
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "The scheduled supervision run failed; it is tried again at the next look");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
