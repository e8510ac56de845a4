using Yibao.Application.Payments;
using Yibao.Application.Settlements;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain.Payments;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>
/// The mobile-payment transactions of the national interface, on the same payment orders as the
/// native API: 6201 order (fees uploaded → payOrdId, payToken), 6301 order query, 6401 revoke an
/// unpaid order, 6203 full refund of a settled one. The fields are the national mobile-payment
/// interface's (payOrdId, ordStas, feeSumamt, …) in this envelope's snake_case (pay_ord_id, ord_stas, fee_sumamt).
/// </summary>
internal static class MobilePayment
{
    public static async Task<object?> OrderAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var person = await PersonInfo.NamedAsync(call, data.Text("psn_no", 30), ct);
        var terms = new ClaimTerms(data.OptionalText("acct_used_flag", 1) != "0", new PersonProof(data.Text("mdtrt_cert_type", 3), data.Text("mdtrt_cert_no", 64)));
        var order = GatewayCall.Expect(await call.Use<CreatePaymentOrderHandler>().HandleAsync(
            new CreatePaymentOrder(data.Text("mdtrt_id", 40), terms, data.OptionalDecimal("deliv_fee"), call.Scope(person.PsnNo)), ct));
        return Output(order, call, includeToken: true);
    }

    public static async Task<object?> QueryAsync(GatewayCall call, CancellationToken ct)
    {
        var payOrdId = call.Input.Block("data").Text("pay_ord_id", 40);
        var order = GatewayCall.Expect(await call.Use<GetPaymentOrderHandler>().HandleAsync(
            new GetPaymentOrder(payOrdId, Institution: call.Institution.FixmedinsCode, InCallersTransaction: true), ct));
        return Output(order, call, includeToken: false);
    }

    public static async Task<object?> RevokeAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var order = GatewayCall.Expect(await call.Use<RevokePaymentOrderHandler>().HandleAsync(
            new RevokePaymentOrder(data.Text("pay_ord_id", 40), data.OptionalText("reason", 200), call.Institution.FixmedinsCode), ct));
        return new { payOrdId = order.PayOrdId, ordStas = order.Status.ToName() };
    }

    public static async Task<object?> RefundAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var order = GatewayCall.Expect(await call.Use<RefundPaymentOrderHandler>().HandleAsync(
            new RefundPaymentOrder(data.Text("pay_ord_id", 40), data.OptionalText("reason", 200), call.Institution.FixmedinsCode), ct));
        return new { payOrdId = order.PayOrdId, ordStas = order.Status.ToName(), refdAmt = order.CashTotal, refundNo = order.RefundNo };
    }

    /// <summary>An order in the envelope; the pay token and the phone link only in 6201's answer, which alone carries the token.</summary>
    private static object Output(PaymentOrderRow o, GatewayCall call, bool includeToken) => new
    {
        payOrdId = o.PayOrdId,
        payToken = includeToken ? o.PayToken : null,
        ordStas = o.Status.ToName(),
        setlId = o.SetlId,
        feeSumamt = o.MedfeeSumamt,
        fundPay = o.FundPaySumamt,
        psnAcctPay = o.AcctPay,
        ownPayAmt = o.PsnCashPay,
        delivFee = o.DeliveryFee,
        cashPayAmt = o.CashTotal,
        payUrl = includeToken ? Payments.PaymentResponses.PayUrl(o) : null,
        expireTime = GatewayFormats.Time(DateTimeOffset.FromUnixTimeSeconds(o.ExpiresAt), call.Calendar),
        payTime = o.PaidAt is { } paid ? GatewayFormats.Time(paid, call.Calendar) : null,
        setlTime = o.SettledAt is { } settled ? GatewayFormats.Time(settled, call.Calendar) : null,
        refundNo = o.RefundNo,
    };
}
