using Microsoft.Extensions.Logging;

namespace Yibao.Application.Payments;

/// <summary>Calls to the payment provider whose failure is expected and handled, not thrown.</summary>
public sealed class ProviderCalls(IPaymentProvider provider, ILogger<ProviderCalls> logger)
{
    public IPaymentProvider Provider => provider;

    /// <summary>Opens a trade, or null when the provider failed (the caller then changes nothing).</summary>
    public async Task<ProviderPayment?> OpenAsync(PaymentRequest request, CancellationToken ct)
    {
        try
        {
            return await provider.OpenAsync(request, ct);
        }
#pragma warning disable CA1031 // any provider failure refuses the confirmation, which changes nothing
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Opening a trade for order {PayOrdId} failed", request.PayOrdId);
            return null;
        }
    }

    /// <summary>Best effort: a trade the provider fails to close is still safe, as its late payment is refunded.</summary>
    public async Task CloseAsync(string? tradeNo, CancellationToken ct)
    {
        if (tradeNo is null)
        {
            return;
        }

        try
        {
            await provider.CloseAsync(tradeNo, ct);
        }
#pragma warning disable CA1031 // a provider's failure must not undo the release; the callback path refunds a late payment
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Closing trade {TradeNo} at the payment provider failed", tradeNo);
        }
    }

    /// <summary>The provider's refund, or null when it failed (the caller then changes nothing, so it can be retried).</summary>
    public async Task<ProviderRefund?> RefundAsync(string tradeNo, decimal amount, string reason, CancellationToken ct)
    {
        try
        {
            return await provider.RefundAsync(tradeNo, amount, reason, ct);
        }
#pragma warning disable CA1031 // a provider's failure is reported, and the whole change rolled back
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Refunding {Amount} of trade {TradeNo} failed", amount, tradeNo);
            return null;
        }
    }
}
