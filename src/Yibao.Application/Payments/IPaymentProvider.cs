namespace Yibao.Application.Payments;

/// <summary>What the platform asks a payment provider to collect: the cash part of one order.</summary>
/// <param name="ReturnUrl">Where the provider sends the person's browser back when the payment is done.</param>
public sealed record PaymentRequest(string PayOrdId, decimal Amount, string Description, string ReturnUrl);

/// <summary>A payment the provider opened: its trade number and the page where the person pays.</summary>
public sealed record ProviderPayment(string TradeNo, string PayUrl);

/// <summary>A verified notification from the provider: the trade was paid (or not) with this amount.</summary>
public sealed record PaymentNotification(string TradeNo, string PayOrdId, decimal Amount, bool Succeeded, DateTimeOffset PaidAt);

/// <summary>A refund the provider accepted.</summary>
public sealed record ProviderRefund(string RefundNo);

/// <summary>
/// The port to a payment provider (WeChat Pay, Alipay, a bank's cashier): it collects the cash part of
/// an order, notifies the platform with a signed callback, and refunds. The platform trusts a
/// notification only after <see cref="ReadNotification"/> verified it.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The provider's name in URLs and records (<c>/api/payments/notify/{name}</c>).</summary>
    string Name { get; }

    Task<ProviderPayment> OpenAsync(PaymentRequest request, CancellationToken cancellationToken);

    /// <summary>The page where the person pays an open trade (to come back to it).</summary>
    string PayUrlOf(string tradeNo);

    /// <summary>The notification in a callback's body, or null when its signature does not verify.</summary>
    /// <param name="header">The callback's header of a name (empty when absent).</param>
    PaymentNotification? ReadNotification(string body, Func<string, string> header);

    /// <summary>Closes an unpaid trade so it can no longer be paid (an order expired or was revoked).</summary>
    Task CloseAsync(string tradeNo, CancellationToken cancellationToken);

    Task<ProviderRefund> RefundAsync(string tradeNo, decimal amount, string reason, CancellationToken cancellationToken);
}
