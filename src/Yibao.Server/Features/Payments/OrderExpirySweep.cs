using Microsoft.Extensions.Options;
using Yibao.Application.Payments;

namespace Yibao.Server.Features.Payments;

/// <summary>
/// Expires unpaid payment orders past their time, so their holds on people's accounts and
/// accumulators are given back even when nobody looks at the order again.
/// </summary>
internal sealed class OrderExpirySweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<YibaoOptions> options, ILogger<OrderExpirySweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PaymentSweepSeconds <= 0)
        {
            return; // switched off: orders still expire when anyone touches them
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PaymentSweepSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expired = await scope.ServiceProvider.GetRequiredService<ExpirePaymentOrdersHandler>().HandleAsync(new ExpireDuePaymentOrders(), stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Expired {Count} unpaid payment orders", expired);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // one failed sweep (a database blip) must not stop the next
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "The payment order sweep failed; it runs again at the next tick");
            }
        }
    }
}
