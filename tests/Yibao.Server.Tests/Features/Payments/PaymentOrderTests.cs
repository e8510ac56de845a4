using System.Net;
using System.Text.Json;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Payments;

public sealed class PaymentOrderTests : IAsyncLifetime
{
    private YibaoServer _server = null!;
    private PaymentFlow _flow = null!;

    public async Task InitializeAsync()
    {
        // The sweep is run by hand here, so that the clock's jumps do not race it; SweepTests runs it in the background.
        _server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "0" });
        _flow = new PaymentFlow(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_OnlineVisit_HoldsThePreSettledSplitAndCommitsNothing()
    {
        var before = await _flow.BalanceAsync();
        var visit = await _flow.VisitAsync();
        var presettled = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/pre-settlement", new { })).JsonAsync(200);

        var order = await _flow.OrderAsync(visit, deliveryFee: 8.50m);
        var settlement = await (await _flow.Client.SendAsync(HttpMethod.Get, $"/api/settlements/{order.GetProperty("setl_id").GetString()}")).JsonAsync(200);
        var totals = await (await _flow.Client.SendAsync(HttpMethod.Get, $"/api/institutions/{PaymentFlow.InternetHospital}/daily-totals")).JsonAsync(200);
        var upload = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/fees", new { lines = new[] { Api.Line("330100005", 1m, 1) } })).JsonAsync(409);

        Assert.Equal("created", order.GetProperty("ord_stas").GetString());
        Assert.Equal(48, order.GetProperty("pay_token").GetString()!.Length);
        foreach (var amount in new[] { "medfee_sumamt", "fund_pay_sumamt", "acct_pay", "psn_cash_pay" })
        {
            Assert.Equal(presettled.Amount(amount), order.Amount(amount));
        }

        Assert.True(order.Amount("psn_cash_pay") > 0m);
        Assert.Equal(order.Amount("psn_cash_pay") + 8.50m, order.Amount("cash_total"));
        Assert.Equal(order.Amount("medfee_sumamt"), order.Amount("fund_pay_sumamt") + order.Amount("acct_pay") + order.Amount("psn_cash_pay"));
        Assert.Equal(before - order.Amount("acct_pay"), await _flow.BalanceAsync());
        Assert.Equal("pending", settlement.GetProperty("status").GetString());
        Assert.Equal(0, totals.GetProperty("settled").GetProperty("count").GetInt32());
        Assert.Equal("visit_awaiting_payment", upload.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ConfirmAndPay_OnThePhone_CommitsTheSettlementSeenOnBothSides()
    {
        var visit = await _flow.VisitAsync();
        var order = await _flow.OrderAsync(visit, deliveryFee: 6m);
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;
        var phone = await Phone.SignInAsync(_server, PaymentFlow.Certno);

        var cashier = await PaymentFlow.ConfirmOnPhoneAsync(phone, order);
        var awaiting = await _flow.GetOrderAsync(payOrdId);
        var cashierPage = await phone.GetStringAsync(cashier);
        var back = await PaymentFlow.PayOnCashierAsync(phone, cashier);
        var paid = await _flow.GetOrderAsync(payOrdId);
        var settlement = await (await _flow.Client.SendAsync(HttpMethod.Get, $"/api/settlements/{paid.GetProperty("setl_id").GetString()}")).JsonAsync(200);
        var totals = await (await _flow.Client.SendAsync(HttpMethod.Get, $"/api/institutions/{PaymentFlow.InternetHospital}/daily-totals")).JsonAsync(200);
        var orderPage = await phone.GetStringAsync(back);
        var settlementsPage = await phone.GetStringAsync("/me/settlements");

        Assert.StartsWith("/sim-pay/SIM", cashier, StringComparison.Ordinal);
        Assert.Equal("awaiting_payment", awaiting.GetProperty("ord_stas").GetString());
        Assert.Contains($"¥{order.Amount("cash_total"):0.00}", cashierPage, StringComparison.Ordinal);
        Assert.Equal($"/me/orders/{payOrdId}", back);
        Assert.Equal("settled", paid.GetProperty("ord_stas").GetString());
        Assert.Equal(
            ["created", "awaiting_payment", "paid", "settled"],
            paid.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("to").GetString()!).ToArray());
        Assert.Equal("settled", settlement.GetProperty("status").GetString());
        Assert.Equal(1, totals.GetProperty("settled").GetProperty("count").GetInt32());
        Assert.Equal(order.Amount("psn_cash_pay"), totals.GetProperty("settled").Amount("psn_cash_pay")); // the delivery fee is no part of the settlement
        Assert.Contains("data-status=\"settled\"", orderPage, StringComparison.Ordinal);
        Assert.Contains($"{order.Amount("fund_pay_sumamt"):0.00}", settlementsPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_OnlineWithoutAFaceCheckedCertificate_IsRefusedAndHoldsNothing()
    {
        var before = await _flow.MoneyAsync();
        var visit = await _flow.VisitAsync();
        var (notFaceChecked, _) = await Gateway.GatewayFixture.Client(_server, PaymentFlow.InternetHospital)
            .DecodeQrCodeAsync(await Phone.QrAsync(await Phone.SignInAsync(_server, PaymentFlow.Certno)));

        var byIdNumber = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/payment-order", new { mdtrt_cert_type = "02", mdtrt_cert_no = PaymentFlow.Certno })).JsonAsync(422);
        var noFace = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/payment-order", new { mdtrt_cert_type = "01", mdtrt_cert_no = notFaceChecked })).JsonAsync(422);
        var badFee = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/payment-order", new { mdtrt_cert_type = "01", mdtrt_cert_no = await _flow.EcTokenAsync(), delivery_fee = -1 })).JsonAsync(422);

        Assert.Equal("ecert_required", byIdNumber.GetProperty("code").GetString());
        Assert.Equal("face_check_required", noFace.GetProperty("code").GetString());
        Assert.Equal("invalid_delivery_fee", badFee.GetProperty("code").GetString());
        Assert.Equal(before, await _flow.MoneyAsync());
        await _flow.OrderAsync(visit); // the visit is still open
    }

    [Fact]
    public async Task Timeout_UnpaidOrder_ExpiresAndReleasesItsHoldOnce()
    {
        var before = await _flow.MoneyAsync();
        var visit = await _flow.VisitAsync();
        var order = await _flow.OrderAsync(visit);
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;
        var cashier = await PaymentFlow.ConfirmOnPhoneAsync(await Phone.SignInAsync(_server, PaymentFlow.Certno), order);
        var held = await _flow.MoneyAsync();

        _server.Clock.Advance(TimeSpan.FromMinutes(29));
        var early = await _flow.SweepAsync();
        _server.Clock.Advance(TimeSpan.FromMinutes(2));
        var swept = await _flow.SweepAsync();
        var again = await _flow.SweepAsync();
        var expired = await _flow.GetOrderAsync(payOrdId);
        var revoke = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/payment-orders/{payOrdId}/revocation", new { })).JsonAsync(409);
        var cashierPage = await _server.HisClient().GetStringAsync(cashier);

        Assert.NotEqual(before, held);
        Assert.Equal(0, early);
        Assert.Equal(1, swept);
        Assert.Equal(0, again);
        Assert.Equal("expired", expired.GetProperty("ord_stas").GetString());
        Assert.Equal("order_expired", revoke.GetProperty("code").GetString());
        Assert.Equal(before, await _flow.MoneyAsync());
        Assert.Contains("已关闭 Closed", cashierPage, StringComparison.Ordinal);

        // The visit is open again: a new order holds the same split afresh.
        var renewed = await _flow.OrderAsync(visit);
        Assert.Equal(order.Amount("cash_total"), renewed.Amount("cash_total"));
    }

    [Fact]
    public async Task Query_PastItsTime_ShowsTheOrderExpiredWithoutWaitingForTheSweep()
    {
        var before = await _flow.MoneyAsync();
        var order = await _flow.OrderAsync(await _flow.VisitAsync());

        _server.Clock.Advance(TimeSpan.FromMinutes(31));
        var queried = await _flow.GetOrderAsync(order.GetProperty("pay_ord_id").GetString()!);

        Assert.Equal("expired", queried.GetProperty("ord_stas").GetString());
        Assert.Equal(before, await _flow.MoneyAsync());
        Assert.Equal(0, await _flow.SweepAsync());
    }

    [Fact]
    public async Task Callback_Twice_SettlesOnce()
    {
        var before = await _flow.BalanceAsync();
        var order = await _flow.OrderAsync(await _flow.VisitAsync());
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;
        var cashier = await PaymentFlow.ConfirmOnPhoneAsync(await Phone.SignInAsync(_server, PaymentFlow.Certno), order);
        var tradeNo = cashier["/sim-pay/".Length..];
        var (body, signature) = _flow.Provider.Notification(tradeNo, payOrdId, order.Amount("cash_total"), _server.Clock.GetUtcNow());

        var first = await (await _flow.NotifyAsync(body, signature)).JsonAsync(200);
        var second = await (await _flow.NotifyAsync(body, signature)).JsonAsync(200);
        var paid = await _flow.GetOrderAsync(payOrdId);

        Assert.Equal("settled", first.GetProperty("result").GetString());
        Assert.Equal("already_processed", second.GetProperty("result").GetString());
        Assert.Equal("settled", paid.GetProperty("ord_stas").GetString());
        Assert.Equal(before - order.Amount("acct_pay"), await _flow.BalanceAsync());
        Assert.Single(paid.GetProperty("history").EnumerateArray(), e => e.GetProperty("to").GetString() == "settled");
    }

    [Fact]
    public async Task Callback_WithABadSignature_ChangesNothing()
    {
        var order = await _flow.OrderAsync(await _flow.VisitAsync());
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;
        var cashier = await PaymentFlow.ConfirmOnPhoneAsync(await Phone.SignInAsync(_server, PaymentFlow.Certno), order);
        var held = await _flow.MoneyAsync();
        var tradeNo = cashier["/sim-pay/".Length..];
        var (body, signature) = _flow.Provider.Notification(tradeNo, payOrdId, order.Amount("cash_total"), _server.Clock.GetUtcNow());
        var (cheaper, _) = _flow.Provider.Notification(tradeNo, payOrdId, 0.01m, _server.Clock.GetUtcNow());

        var tampered = await _flow.NotifyAsync(cheaper, signature);
        var forged = await _flow.NotifyAsync(body, new string('0', 64));
        var unsigned = await _flow.NotifyAsync(body, "");
        var garbage = await _flow.NotifyAsync("{not json", signature);

        foreach (var refused in new[] { tampered, forged, unsigned, garbage })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("callback_signature_invalid", (await refused.JsonAsync(401)).GetProperty("code").GetString());
        }

        Assert.Equal("awaiting_payment", (await _flow.GetOrderAsync(payOrdId)).GetProperty("ord_stas").GetString());
        Assert.Equal(held, await _flow.MoneyAsync());
        Assert.Equal("settled", (await (await _flow.NotifyAsync(body, signature)).JsonAsync(200)).GetProperty("result").GetString());
    }

    [Fact]
    public async Task Callback_AfterTheOrderExpired_RefundsThePaymentAndSettlesNothing()
    {
        var before = await _flow.MoneyAsync();
        var order = await _flow.OrderAsync(await _flow.VisitAsync());
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;
        var phone = await Phone.SignInAsync(_server, PaymentFlow.Certno);
        var cashier = await PaymentFlow.ConfirmOnPhoneAsync(phone, order);
        _server.Clock.Advance(TimeSpan.FromMinutes(45));

        // Nobody swept yet, so the provider still takes the money; its callback comes too late.
        await PaymentFlow.PayOnCashierAsync(phone, cashier);
        var (body, signature) = _flow.Provider.Notification(cashier["/sim-pay/".Length..], payOrdId, order.Amount("cash_total"), _server.Clock.GetUtcNow());
        var repeated = await (await _flow.NotifyAsync(body, signature)).JsonAsync(200);
        var expired = await _flow.GetOrderAsync(payOrdId);

        Assert.Equal("late payment refunded", expired.GetProperty("note").GetString());
        Assert.Equal("already_processed", repeated.GetProperty("result").GetString());
        Assert.Equal("expired", expired.GetProperty("ord_stas").GetString());
        Assert.StartsWith("SIMR", expired.GetProperty("refund_no").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await _flow.MoneyAsync());
    }

    [Fact]
    public async Task Refund_AfterSettlement_ReversesTheSettlementExactly()
    {
        var before = await _flow.MoneyAsync();
        var order = await _flow.OrderAsync(await _flow.VisitAsync(), deliveryFee: 5m);
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;
        var phone = await Phone.SignInAsync(_server, PaymentFlow.Certno);
        await PaymentFlow.PayOnCashierAsync(phone, await PaymentFlow.ConfirmOnPhoneAsync(phone, order));
        var settled = await _flow.MoneyAsync();
        var setlId = order.GetProperty("setl_id").GetString()!;

        var direct = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/settlements/{setlId}/cancellation")).JsonAsync(409);
        var refunded = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/payment-orders/{payOrdId}/refund", new { reason = "patient withdrew" })).JsonAsync(200);
        var twice = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/payment-orders/{payOrdId}/refund", new { })).JsonAsync(409);
        var settlement = await (await _flow.Client.SendAsync(HttpMethod.Get, $"/api/settlements/{setlId}")).JsonAsync(200);
        var totals = await (await _flow.Client.SendAsync(HttpMethod.Get, $"/api/institutions/{PaymentFlow.InternetHospital}/daily-totals")).JsonAsync(200);

        Assert.NotEqual(before, settled);
        Assert.Equal("settlement_paid_by_order", direct.GetProperty("code").GetString());
        Assert.Equal("refunded", refunded.GetProperty("ord_stas").GetString());
        Assert.StartsWith("SIMR", refunded.GetProperty("refund_no").GetString(), StringComparison.Ordinal);
        Assert.Equal("order_not_refundable", twice.GetProperty("code").GetString());
        Assert.Equal("cancelled", settlement.GetProperty("status").GetString());
        Assert.Equal(0, totals.GetProperty("net").GetProperty("count").GetInt32());
        Assert.Equal(before, await _flow.MoneyAsync());
    }

    [Fact]
    public async Task Revoke_AwaitingPayment_ReleasesTheHoldAndClosesTheTrade()
    {
        var before = await _flow.MoneyAsync();
        var order = await _flow.OrderAsync(await _flow.VisitAsync());
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;
        var phone = await Phone.SignInAsync(_server, PaymentFlow.Certno);
        var cashier = await PaymentFlow.ConfirmOnPhoneAsync(phone, order);

        var revoked = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/payment-orders/{payOrdId}/revocation", new { reason = "prescription changed" })).JsonAsync(200);
        var back = await PaymentFlow.PayOnCashierAsync(phone, cashier);
        var after = await _flow.GetOrderAsync(payOrdId);

        Assert.Equal("revoked", revoked.GetProperty("ord_stas").GetString());
        Assert.Equal("prescription changed", revoked.GetProperty("history").EnumerateArray().Last().GetProperty("detail").GetString());
        Assert.Equal($"/me/orders/{payOrdId}", back);
        Assert.Equal("revoked", after.GetProperty("ord_stas").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("paid_at").ValueKind);
        Assert.Equal(before, await _flow.MoneyAsync());
    }

    [Fact]
    public async Task ConfirmOnPhone_AnotherPersonsOrderOrAWrongToken_IsRefused()
    {
        var order = await _flow.OrderAsync(await _flow.VisitAsync());
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;
        var stranger = await Phone.SignInAsync(_server, "330106195511020023");
        var owner = await Phone.SignInAsync(_server, PaymentFlow.Certno);
        var page = await owner.GetStringAsync($"/me/orders/{payOrdId}");

        var strangerPage = await stranger.GetAsync(order.GetProperty("pay_url").GetString());
        var wrongToken = await owner.PostAsync($"/me/orders/{payOrdId}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Phone.AntiforgeryField().Match(page).Groups[1].Value,
            ["pay_token"] = "not-the-token",
        }));

        Assert.Equal(HttpStatusCode.NotFound, strangerPage.StatusCode);
        Assert.Contains("找不到此订单", await strangerPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Contains("pay_token_invalid", await wrongToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("created", (await _flow.GetOrderAsync(payOrdId)).GetProperty("ord_stas").GetString());
    }

    [Fact]
    public async Task Create_Retried_WithTheSameMsgId_HoldsOnce()
    {
        var before = await _flow.BalanceAsync();
        var visit = await _flow.VisitAsync();
        var body = new { mdtrt_cert_type = "01", mdtrt_cert_no = await _flow.EcTokenAsync() };

        var first = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/payment-order", body, "order-retry-1")).JsonAsync(201);
        var retry = await (await _flow.Client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/payment-order", body, "order-retry-1")).JsonAsync(201);

        Assert.Equal(first.GetProperty("pay_ord_id").GetString(), retry.GetProperty("pay_ord_id").GetString());
        Assert.Equal(before - first.Amount("acct_pay"), await _flow.BalanceAsync());
    }
}
