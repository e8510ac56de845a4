using Yibao.Server.Features.Payments;

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
        var visit = await call.OwnVisitAsync(data.Text("mdtrt_id", 40), ct);
        Registration.CheckPerson(visit, (await call.PersonAsync(data.Text("psn_no", 30), ct)).PsnNo);
        var request = new CreatePaymentOrderRequest(
            data.OptionalText("acct_used_flag", 1) != "0",
            data.OptionalDecimal("deliv_fee"),
            data.Text("mdtrt_cert_type", 3),
            data.Text("mdtrt_cert_no", 64));
        var order = GatewayCall.Expect<PaymentOrderResponse>(await call.Payments.CreateCoreAsync(visit.MdtrtId, request, ct));
        return Output(order, call);
    }

    public static async Task<object?> QueryAsync(GatewayCall call, CancellationToken ct)
    {
        var order = GatewayCall.Expect(await call.Payments.QueryCoreAsync(PayOrdId(call), call.Institution.FixmedinsCode, ct));
        return Output(order, call);
    }

    public static async Task<object?> RevokeAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var order = GatewayCall.Expect<PaymentOrderResponse>(await call.Payments.RevokeCoreAsync(data.Text("pay_ord_id", 40), data.OptionalText("reason", 200), ct, call.Institution.FixmedinsCode));
        return new { payOrdId = order.PayOrdId, ordStas = order.OrdStas };
    }

    public static async Task<object?> RefundAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var order = GatewayCall.Expect<PaymentOrderResponse>(await call.Payments.RefundCoreAsync(data.Text("pay_ord_id", 40), data.OptionalText("reason", 200), ct, call.Institution.FixmedinsCode));
        return new { payOrdId = order.PayOrdId, ordStas = order.OrdStas, refdAmt = order.CashTotal, refundNo = order.RefundNo };
    }

    private static string PayOrdId(GatewayCall call) => call.Input.Block("data").Text("pay_ord_id", 40);

    /// <summary>An order in the envelope; the pay token and the phone link only in 6201's answer, which alone carries the token.</summary>
    private static object Output(PaymentOrderResponse o, GatewayCall call) => new
    {
        payOrdId = o.PayOrdId,
        payToken = o.PayToken,
        ordStas = o.OrdStas,
        setlId = o.SetlId,
        feeSumamt = o.MedfeeSumamt,
        fundPay = o.FundPaySumamt,
        psnAcctPay = o.AcctPay,
        ownPayAmt = o.PsnCashPay,
        delivFee = o.DeliveryFee,
        cashPayAmt = o.CashTotal,
        payUrl = o.PayToken is null ? null : o.PayUrl,
        expireTime = GatewayFormats.Time(o.ExpiresAt, call.Calendar),
        payTime = o.PaidAt is { } paid ? GatewayFormats.Time(paid, call.Calendar) : null,
        setlTime = o.SettledAt is { } settled ? GatewayFormats.Time(settled, call.Calendar) : null,
        refundNo = o.RefundNo,
    };
}
