using Yibao.Domain.Payments;

namespace Yibao.Storage.Entities;

/// <summary>
/// A mobile-payment order (<c>payOrdId</c>): the split of one visit's settlement, held as a pending
/// settlement (<see cref="SetlId"/>) until the person pays the cash part or the order is let go.
/// </summary>
public sealed class PaymentOrderRow
{
    public required string PayOrdId { get; set; }

    /// <summary>Given to the institution to hand to the person's phone; confirming the order needs it.</summary>
    public required string PayToken { get; set; }

    public required string MdtrtId { get; set; }
    public required string PsnNo { get; set; }
    public required string FixmedinsCode { get; set; }
    public required string SetlId { get; set; }

    /// <summary>The order state (<c>ordStas</c>); changed only by the order's lifecycle (<see cref="PaymentOrders.Next"/>).</summary>
    public OrderStatus Status { get; set; }

    public decimal MedfeeSumamt { get; set; }
    public decimal FundPaySumamt { get; set; }
    public decimal AcctPay { get; set; }
    public decimal PsnCashPay { get; set; }

    /// <summary>Never covered: paid in cash on top of the settlement's cash part.</summary>
    public decimal DeliveryFee { get; set; }

    public decimal CashTotal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Unix seconds (a number, so SQLite can compare it): an unpaid order expires then.</summary>
    public long ExpiresAt { get; set; }

    /// <summary>The payment provider that holds the cash part, and its trade number.</summary>
    public string? Provider { get; set; }

    public string? ProviderTradeNo { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? RefundNo { get; set; }
    public string? Note { get; set; }

    public List<PaymentOrderEventRow> Events { get; } = [];
}

/// <summary>One change of an order's state, kept for the order's history.</summary>
public sealed class PaymentOrderEventRow
{
    public long Id { get; set; }
    public required string PayOrdId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    public required string Actor { get; set; }
    public string Detail { get; set; } = "";
}
