using Yibao.Domain.Payments;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Payments;

/// <summary>An institution's request for a payment order on a visit whose fees are uploaded.</summary>
/// <param name="UseAccount">Pay the person's part from the personal account first (default true).</param>
/// <param name="DeliveryFee">Medicine delivery charged to the person; never covered, always cash.</param>
/// <param name="MdtrtCertType">01 (e-certificate) for an online visit, with its ecToken in <paramref name="MdtrtCertNo"/>.</param>
public sealed record CreatePaymentOrderRequest(bool? UseAccount, decimal? DeliveryFee, string? MdtrtCertType, string? MdtrtCertNo);

/// <param name="Reason">Why (kept in the order's history and the audit log).</param>
public sealed record PaymentOrderActionRequest(string? Reason);

public sealed record PaymentOrderEventResponse(DateTimeOffset At, string From, string To, string Actor, string Detail);

/// <summary>A payment order (<c>payOrdId</c>) with its split, its state (<c>ord_stas</c>) and its history.</summary>
/// <param name="PayToken">Only in the response that created the order: the institution hands it to the person's phone.</param>
/// <param name="CashTotal">What the person pays through the provider: the settlement's cash part plus the delivery fee.</param>
/// <param name="PayUrl">The person's phone page for this order.</param>
public sealed record PaymentOrderResponse(
    string PayOrdId,
    string? PayToken,
    string OrdStas,
    string MdtrtId,
    string PsnNo,
    string FixmedinsCode,
    string SetlId,
    decimal MedfeeSumamt,
    decimal FundPaySumamt,
    decimal AcctPay,
    decimal PsnCashPay,
    decimal DeliveryFee,
    decimal CashTotal,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? SettledAt,
    DateTimeOffset? ClosedAt,
    string? Provider,
    string? ProviderTradeNo,
    string? RefundNo,
    string? Note,
    string PayUrl,
    IReadOnlyList<PaymentOrderEventResponse> History);

/// <summary>What the platform made of a provider's callback.</summary>
/// <param name="Result">settled, already_processed, late_payment_refunded or payment_failed_noted.</param>
public sealed record NotificationResponse(string PayOrdId, string Result, string OrdStas);

/// <summary>Payment orders in the native API's form.</summary>
internal static class PaymentResponses
{
    /// <summary>The person's phone page for the order, with the token that lets them confirm it.</summary>
    public static string PayUrl(PaymentOrderRow o) => $"/me/orders/{o.PayOrdId}?pay_token={o.PayToken}";

    /// <param name="includeToken">Only the response that created the order carries the pay token.</param>
    public static PaymentOrderResponse From(PaymentOrderRow o, AgencyCalendar calendar, bool includeToken = false)
    {
        DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(calendar.Now.Offset);
        return new(
            o.PayOrdId,
            includeToken ? o.PayToken : null,
            o.Status.ToName(),
            o.MdtrtId,
            o.PsnNo,
            o.FixmedinsCode,
            o.SetlId,
            o.MedfeeSumamt,
            o.FundPaySumamt,
            o.AcctPay,
            o.PsnCashPay,
            o.DeliveryFee,
            o.CashTotal,
            Local(o.CreatedAt),
            Local(DateTimeOffset.FromUnixTimeSeconds(o.ExpiresAt)),
            o.PaidAt is { } paid ? Local(paid) : null,
            o.SettledAt is { } settled ? Local(settled) : null,
            o.ClosedAt is { } closed ? Local(closed) : null,
            o.Provider,
            o.ProviderTradeNo,
            o.RefundNo,
            o.Note,
            PayUrl(o),
            o.Events.OrderBy(e => e.At).ThenBy(e => e.Id <= 0).ThenBy(e => e.Id).Select(e => new PaymentOrderEventResponse(Local(e.At), e.From, e.To, e.Actor, e.Detail)).ToList());
    }
}
