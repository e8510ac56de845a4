namespace Yibao.Domain.Payments;

/// <summary>
/// The states of a mobile-payment order (<c>ordStas</c>). An order holds its settlement's claim on
/// the person's accumulators and account from <see cref="Created"/> until it is settled or let go.
/// </summary>
public enum OrderStatus
{
    /// <summary>The institution made the order; the person has not confirmed it yet.</summary>
    Created,

    /// <summary>The person confirmed; the cash part is with the payment provider.</summary>
    AwaitingPayment,

    /// <summary>The provider reported the cash paid; the settlement commits next, in the same transaction.</summary>
    Paid,

    /// <summary>Paid and the settlement committed.</summary>
    Settled,

    /// <summary>Withdrawn by the institution before payment; the hold released.</summary>
    Revoked,

    /// <summary>Settled, then fully refunded: settlement cancelled, cash returned.</summary>
    Refunded,

    /// <summary>Not paid in time; the hold released.</summary>
    Expired,
}

/// <summary>What can happen to an order.</summary>
public enum OrderEvent
{
    Confirm,
    Pay,
    Settle,
    Revoke,
    Expire,
    Refund,
}

/// <summary>The split of an order: what the funds, the account and the person's cash pay.</summary>
/// <param name="DeliveryFee">Charged by the institution for delivering medicines; never part of the claim, always cash.</param>
public sealed record OrderSplit(decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay, decimal DeliveryFee)
{
    /// <summary>What the person pays through the payment provider.</summary>
    public decimal CashTotal => PsnCashPay + DeliveryFee;
}

/// <summary>The rules of a payment order's life, free of storage and time sources.</summary>
public static class PaymentOrders
{
    /// <summary>How long an order may wait for confirmation and payment unless configured otherwise.</summary>
    public const int DefaultTimeoutMinutes = 30;

    /// <summary>The largest delivery fee one order accepts.</summary>
    public const decimal MaxDeliveryFee = 1000m;

    /// <summary>A new order's state: made, waiting for the person's confirmation.</summary>
    public static OrderStatus Initial => OrderStatus.Created;

    /// <summary>The state after <paramref name="event"/>, or the refusal that leaves the order as it is.</summary>
    public static Result<OrderStatus> Next(OrderStatus from, OrderEvent @event) => (from, @event) switch
    {
        (OrderStatus.Created, OrderEvent.Confirm) => OrderStatus.AwaitingPayment,
        (OrderStatus.AwaitingPayment, OrderEvent.Pay) => OrderStatus.Paid,
        (OrderStatus.Paid, OrderEvent.Settle) => OrderStatus.Settled,
        (OrderStatus.Created or OrderStatus.AwaitingPayment, OrderEvent.Revoke) => OrderStatus.Revoked,
        (OrderStatus.Created or OrderStatus.AwaitingPayment, OrderEvent.Expire) => OrderStatus.Expired,
        (OrderStatus.Settled, OrderEvent.Refund) => OrderStatus.Refunded,
        (OrderStatus.Expired, _) => Refused(PaymentErrors.OrderExpired, from, @event),
        (_, OrderEvent.Confirm) => Refused(PaymentErrors.NotAwaitingConfirmation, from, @event),
        (_, OrderEvent.Pay or OrderEvent.Settle) => Refused(PaymentErrors.NotAwaitingPayment, from, @event),
        (_, OrderEvent.Revoke) => Refused(PaymentErrors.NotRevocable, from, @event),
        (_, OrderEvent.Refund) => Refused(PaymentErrors.NotRefundable, from, @event),
        _ => Refused(PaymentErrors.StateConflict, from, @event),
    };

    /// <summary>Whether an order in <paramref name="status"/> has run out of time at <paramref name="now"/>.</summary>
    public static bool HasTimedOut(OrderStatus status, DateTimeOffset expiresAt, DateTimeOffset now) =>
        status is OrderStatus.Created or OrderStatus.AwaitingPayment && now >= expiresAt;

    /// <summary>A delivery fee the order can carry: not negative, whole cents, at most <see cref="MaxDeliveryFee"/>.</summary>
    public static Result<decimal> CheckDeliveryFee(decimal? fee) => fee switch
    {
        null => 0m,
        < 0m or > MaxDeliveryFee => PaymentErrors.InvalidDeliveryFee.With($"The delivery fee must be between 0 and {MaxDeliveryFee:0.00}."),
        { } f when f != decimal.Round(f, 2) => PaymentErrors.InvalidDeliveryFee.With("The delivery fee is in whole cents."),
        { } f => f,
    };

    public static string ToName(this OrderStatus status) => status switch
    {
        OrderStatus.Created => "created",
        OrderStatus.AwaitingPayment => "awaiting_payment",
        OrderStatus.Paid => "paid",
        OrderStatus.Settled => "settled",
        OrderStatus.Revoked => "revoked",
        OrderStatus.Refunded => "refunded",
        OrderStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParseStatus(string? name, out OrderStatus status)
    {
        foreach (var candidate in Enum.GetValues<OrderStatus>())
        {
            if (candidate.ToName() == name)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static OrderStatus ParseStatus(string name) =>
        TryParseStatus(name, out var status) ? status : throw new ArgumentOutOfRangeException(nameof(name), name, "not an order status");

    private static DomainError Refused(ErrorCode code, OrderStatus from, OrderEvent @event) =>
        code.With($"The order is {from.ToName()}: it cannot be {Describe(@event)}.");

    private static string Describe(OrderEvent @event) => @event switch
    {
        OrderEvent.Confirm => "confirmed",
        OrderEvent.Pay => "paid",
        OrderEvent.Settle => "settled",
        OrderEvent.Revoke => "revoked",
        OrderEvent.Expire => "expired",
        _ => "refunded",
    };
}

/// <summary>The refusals of payment orders.</summary>
public static class PaymentErrors
{
    public static readonly ErrorCode InvalidDeliveryFee = new("invalid_delivery_fee", ErrorKind.Refused);
    public static readonly ErrorCode OrderExpired = new("order_expired", ErrorKind.Conflict);
    public static readonly ErrorCode NotAwaitingConfirmation = new("order_not_awaiting_confirmation", ErrorKind.Conflict);
    public static readonly ErrorCode NotAwaitingPayment = new("order_not_awaiting_payment", ErrorKind.Conflict);
    public static readonly ErrorCode NotRevocable = new("order_not_revocable", ErrorKind.Conflict);
    public static readonly ErrorCode NotRefundable = new("order_not_refundable", ErrorKind.Conflict);
    public static readonly ErrorCode StateConflict = new("order_state_conflict", ErrorKind.Conflict);
    public static readonly ErrorCode NotFoundCode = new("order_not_found", ErrorKind.NotFound);
    public static readonly ErrorCode PayTokenInvalidCode = new("pay_token_invalid", ErrorKind.Forbidden);
    public static readonly ErrorCode TradeMismatchCode = new("trade_mismatch", ErrorKind.Conflict);
    public static readonly ErrorCode AmountMismatchCode = new("payment_amount_mismatch", ErrorKind.Refused);
    public static readonly ErrorCode ProviderFailedCode = new("payment_provider_failed", ErrorKind.Unavailable);

    public static DomainError NotFound(string payOrdId) => NotFoundCode.With($"Payment order {payOrdId} does not exist.");

    public static DomainError PayTokenInvalid { get; } = PayTokenInvalidCode.With("The payment token does not belong to this order.");

    public static DomainError ProviderFailed(string what) => ProviderFailedCode.With($"The payment provider could not {what}; nothing was changed, try again.");
}
