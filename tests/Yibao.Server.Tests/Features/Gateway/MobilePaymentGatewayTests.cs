using Yibao.Client;
using Yibao.Server.Tests.Features.Payments;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

public sealed class MobilePaymentGatewayTests
{
    private const string PsnNo = "3301000000000001";
    private const string Certno = "330106196803140013";

    private static readonly FeeDetail[] Lines = [new("F1", "330100005", 1280m, 2m, 2560m)];

    private static async Task<(GatewayClient His, string MdtrtId, string EcToken)> OnlineVisitAsync(YibaoServer server)
    {
        var his = await GatewayFixture.SignedInAsync(server, "H33010000002");
        var ecToken = await Phone.FaceCheckedEcTokenAsync(server, his, Certno);
        var mdtrtId = (await his.RegisterAsync(PsnNo, "310", "330100", "01", ecToken)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.CallAsync("2203", new { mdtrtinfo = new { mdtrt_id = mdtrtId, psn_no = PsnNo, med_type = "11", dise_codg = "I10" } })).Expect();
        (await his.UploadFeesAsync(mdtrtId, PsnNo, Lines)).Expect();
        return (his, mdtrtId, ecToken);
    }

    [Fact]
    public async Task OrderQueryPayAndRefund_ThroughTheEnvelope_FollowTheOrder()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "0" });
        var flow = new PaymentFlow(server);
        var before = await flow.MoneyAsync();
        var (his, mdtrtId, ecToken) = await OnlineVisitAsync(server);

        var ordered = (await his.PaymentOrderAsync(mdtrtId, PsnNo, "01", ecToken, deliveryFee: 6m, msgid: null)).Expect();
        var payOrdId = ordered.GetProperty("pay_ord_id").GetString()!;
        var created = (await his.QueryPaymentOrderAsync(payOrdId)).Expect();
        var order = await flow.GetOrderAsync(payOrdId);
        var phone = await Phone.SignInAsync(server, Certno);
        await PaymentFlow.PayOnCashierAsync(phone, await PaymentFlow.ConfirmOnPhoneAsync(phone, order));
        var settled = (await his.QueryPaymentOrderAsync(payOrdId)).Expect();
        var refunded = (await his.RefundPaymentOrderAsync(payOrdId, "patient withdrew")).Expect();
        var again = await his.RefundPaymentOrderAsync(payOrdId);

        Assert.Equal("created", ordered.GetProperty("ord_stas").GetString());
        Assert.Equal(48, ordered.GetProperty("pay_token").GetString()!.Length);
        Assert.Equal(ordered.GetProperty("fee_sumamt").GetDecimal(), ordered.GetProperty("fund_pay").GetDecimal() + ordered.GetProperty("psn_acct_pay").GetDecimal() + ordered.GetProperty("own_pay_amt").GetDecimal());
        Assert.Equal(ordered.GetProperty("own_pay_amt").GetDecimal() + 6m, ordered.GetProperty("cash_pay_amt").GetDecimal());
        Assert.Equal("created", created.GetProperty("ord_stas").GetString());
        Assert.Equal("settled", settled.GetProperty("ord_stas").GetString());
        Assert.NotNull(settled.GetProperty("setl_time").GetString());
        Assert.Equal("refunded", refunded.GetProperty("ord_stas").GetString());
        Assert.StartsWith("SIMR", refunded.GetProperty("refund_no").GetString(), StringComparison.Ordinal);
        Assert.Contains("order_not_refundable", again.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(before, await flow.MoneyAsync());
    }

    [Fact]
    public async Task Revoke_AndAnotherInstitutionsOrder_ThroughTheEnvelope()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "0" });
        var flow = new PaymentFlow(server);
        var before = await flow.MoneyAsync();
        var (his, mdtrtId, ecToken) = await OnlineVisitAsync(server);
        var payOrdId = (await his.PaymentOrderAsync(mdtrtId, PsnNo, "01", ecToken, msgid: "H33010000002202611221000009999")).Expect().GetProperty("pay_ord_id").GetString()!;
        var replay = (await his.PaymentOrderAsync(mdtrtId, PsnNo, "01", ecToken, msgid: "H33010000002202611221000009999")).Expect().GetProperty("pay_ord_id").GetString();
        var other = await GatewayFixture.SignedInAsync(server, "H33010000004");

        var foreignQuery = await other.QueryPaymentOrderAsync(payOrdId);
        var foreignRevoke = await other.RevokePaymentOrderAsync(payOrdId);
        var byIdNumber = await his.PaymentOrderAsync(mdtrtId, PsnNo, "02", Certno);
        var revoked = (await his.RevokePaymentOrderAsync(payOrdId, "prescription changed")).Expect();

        Assert.Equal(payOrdId, replay);
        Assert.Contains("order_not_found", foreignQuery.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("order_not_found", foreignRevoke.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("visit_awaiting_payment", byIdNumber.ErrMsg, StringComparison.Ordinal);
        Assert.Equal("revoked", revoked.GetProperty("ord_stas").GetString());
        Assert.Equal(before, await flow.MoneyAsync());
    }
}
