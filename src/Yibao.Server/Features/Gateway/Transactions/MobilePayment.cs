using Yibao.Server.Features.Payments;
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
        var visit = await call.OwnVisitAsync(data.Text("mdtrt_id", 40), ct);
        Registration.CheckPerson(visit, (await call.PersonAsync(data.Text("psn_no", 30), ct)).PsnNo);
        var request = new CreatePaymentOrderRequest(
            data.OptionalText("acct_used_flag", 1) != "0",
            data.OptionalDecimal("deliv_fee"),
            data.Text("mdtrt_cert_type", 3),
            data.Text("mdtrt_cert_no", 64));
        var order = GatewayCall.Expect<PaymentOrderResponse>(await call.Payments.CreateCoreAsync(visit.MdtrtId, request, ct));
        return Output(order.PayOrdId, order.PayToken, order.OrdStas, order.SetlId, order.MedfeeSumamt, order.FundPaySumamt, order.AcctPay, order.PsnCashPay, order.DeliveryFee, order.CashTotal, order.PayUrl, order.ExpiresAt, call);
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

    private static object Output(PaymentOrderRow o, GatewayCall call) =>
        Output(o.PayOrdId, null, o.Status, o.SetlId, o.MedfeeSumamt, o.FundPaySumamt, o.AcctPay, o.PsnCashPay, o.DeliveryFee, o.CashTotal, null, DateTimeOffset.FromUnixTimeSeconds(o.ExpiresAt), call,
            o.PaidAt, o.SettledAt, o.RefundNo);

    private static object Output(
        string payOrdId, string? payToken, string status, string setlId, decimal medfee, decimal fund, decimal account, decimal cash, decimal delivery, decimal cashTotal, string? payUrl, DateTimeOffset expiresAt, GatewayCall call,
        DateTimeOffset? paidAt = null, DateTimeOffset? settledAt = null, string? refundNo = null) => new
        {
            payOrdId,
            payToken,
            ordStas = status,
            setlId,
            feeSumamt = medfee,
            fundPay = fund,
            psnAcctPay = account,
            ownPayAmt = cash,
            delivFee = delivery,
            cashPayAmt = cashTotal,
            payUrl,
            expireTime = GatewayFormats.Time(expiresAt, call.Calendar),
            payTime = paidAt is { } paid ? GatewayFormats.Time(paid, call.Calendar) : null,
            setlTime = settledAt is { } settled ? GatewayFormats.Time(settled, call.Calendar) : null,
            refundNo,
        };
}
