using Yibao.Domain;

namespace Yibao.Application.Payments;

/// <summary>The refusals of mobile payment, beyond the order lifecycle's own (<see cref="Domain.Payments.PaymentErrors"/>).</summary>
public static class OrderErrors
{
    public static readonly ErrorCode NotFoundCode = new("order_not_found", ErrorKind.NotFound);
    public static readonly ErrorCode PayTokenInvalidCode = new("pay_token_invalid", ErrorKind.Forbidden);
    public static readonly ErrorCode TradeMismatchCode = new("trade_mismatch", ErrorKind.Conflict);
    public static readonly ErrorCode AmountMismatchCode = new("payment_amount_mismatch", ErrorKind.Refused);
    public static readonly ErrorCode ProviderFailedCode = new("payment_provider_failed", ErrorKind.Unavailable);

    public static DomainError NotFound(string payOrdId) => NotFoundCode.With($"Payment order {payOrdId} does not exist.");

    public static DomainError PayTokenInvalid { get; } = PayTokenInvalidCode.With("The payment token does not belong to this order.");

    public static DomainError ProviderFailed(string what) => ProviderFailedCode.With($"The payment provider could not {what}; nothing was changed, try again.");
}
