using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Payments;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Payments;
using Yibao.Storage.Entities;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Payments;

/// <summary>The mobile-payment use cases on a real database of each provider, with the simulated provider.</summary>
public sealed class PaymentOrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(TestApplication App, FakeTimeProvider Clock)> CreateAsync(string provider)
    {
        var clock = new FakeTimeProvider(Now);
        return (await TestApplication.CreateAsync(provider, clock), clock);
    }

    private static async Task<PaymentOrderRow> OrderAsync(TestApplication app, decimal? delivery = 6m)
    {
        var mdtrtId = await app.OpenVisitAsync();
        return (await app.CommitAsync(s => s.Use<CreatePaymentOrderHandler>().HandleAsync(new CreatePaymentOrder(mdtrtId, FromAccount, delivery), default))).Ok();
    }

    private static Task<decimal> BalanceAsync(TestApplication app) =>
        app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == ZhangWei).Select(a => a.Balance).SingleAsync());

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task CreatePaymentOrder_OpenVisit_HoldsTheSettlementAndAddsTheDelivery(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;

        var order = await OrderAsync(app);

        Assert.Equal(OrderStatus.Created, order.Status);
        Assert.Equal(order.PsnCashPay + 6m, order.CashTotal);
        Assert.Equal(800m - order.AcctPay, await BalanceAsync(app));
        Assert.Equal(SettlementStatus.Pending, await app.ReadAsync(s => s.Db.Settlements.Select(x => x.Status).SingleAsync()));
        Assert.Equal("invalid_delivery_fee", (await app.CommitAsync(s => s.Use<CreatePaymentOrderHandler>().HandleAsync(new CreatePaymentOrder(order.MdtrtId, FromAccount, -1m), default))).Refusal());
        Assert.Equal("visit_awaiting_payment", (await app.CommitAsync(s => s.Use<CreatePaymentOrderHandler>().HandleAsync(new CreatePaymentOrder(order.MdtrtId, FromAccount, null), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ConfirmPaymentOrderThenNotifyPayment_PaidInTime_SettlesOnceAndAnswersARepeatAsProcessed(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var order = await OrderAsync(app);

        var wrongToken = await app.ReadAsync(s => s.Use<ConfirmPaymentOrderHandler>().HandleAsync(new ConfirmPaymentOrder(order.PayOrdId, ZhangWei, "nope"), default));
        var payment = (await app.ReadAsync(s => s.Use<ConfirmPaymentOrderHandler>().HandleAsync(new ConfirmPaymentOrder(order.PayOrdId, ZhangWei, order.PayToken), default))).Ok()!;
        var simulated = (SimulatedPaymentProvider)app.Services.GetRequiredService<IPaymentProvider>();
        var (body, signature) = simulated.Pay(payment.TradeNo)!.Value;
        var notification = simulated.ReadNotification(body, name => name == SimulatedPaymentProvider.SignatureHeader ? signature : "")!;
        var first = (await app.ReadAsync(s => s.Use<NotifyPaymentHandler>().HandleAsync(new NotifyPayment(notification), default))).Ok();
        var repeat = (await app.ReadAsync(s => s.Use<NotifyPaymentHandler>().HandleAsync(new NotifyPayment(notification), default))).Ok();

        Assert.Equal("pay_token_invalid", wrongToken.Refusal());
        Assert.Equal(("settled", OrderStatus.Settled), (first.Result, first.Order.Status));
        Assert.Equal("already_processed", repeat.Result);
        Assert.Equal(SettlementStatus.Settled, await app.ReadAsync(s => s.Db.Settlements.Select(x => x.Status).SingleAsync()));
        Assert.Equal(VisitStatus.Settled, await app.ReadAsync(s => s.Db.Visits.Select(v => v.Status).SingleAsync()));
        Assert.Null(simulated.ReadNotification(body, _ => "00"));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RevokePaymentOrder_Unpaid_GivesTheHoldBack(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var order = await OrderAsync(app);

        var other = await app.CommitAsync(s => s.Use<RevokePaymentOrderHandler>().HandleAsync(new RevokePaymentOrder(order.PayOrdId, null, Community), default));
        var revoked = (await app.CommitAsync(s => s.Use<RevokePaymentOrderHandler>().HandleAsync(new RevokePaymentOrder(order.PayOrdId, "changed mind"), default))).Ok();

        Assert.Equal("order_not_found", other.Refusal());
        Assert.Equal(OrderStatus.Revoked, revoked.Status);
        Assert.Equal(800m, await BalanceAsync(app));
        Assert.Equal(SettlementStatus.Released, await app.ReadAsync(s => s.Db.Settlements.Select(x => x.Status).SingleAsync()));
        Assert.Equal("order_not_revocable", (await app.CommitAsync(s => s.Use<RevokePaymentOrderHandler>().HandleAsync(new RevokePaymentOrder(order.PayOrdId, null), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RefundPaymentOrder_Settled_CancelsTheSettlementAndReturnsTheCash(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var order = await OrderAsync(app, delivery: null);
        var payment = (await app.ReadAsync(s => s.Use<ConfirmPaymentOrderHandler>().HandleAsync(new ConfirmPaymentOrder(order.PayOrdId, ZhangWei, order.PayToken), default))).Ok();
        if (payment is not null)
        {
            var simulated = (SimulatedPaymentProvider)app.Services.GetRequiredService<IPaymentProvider>();
            var (body, signature) = simulated.Pay(payment.TradeNo)!.Value;
            (await app.ReadAsync(s => s.Use<NotifyPaymentHandler>().HandleAsync(new NotifyPayment(simulated.ReadNotification(body, _ => signature)!), default))).Ok();
        }

        var refunded = (await app.CommitAsync(s => s.Use<RefundPaymentOrderHandler>().HandleAsync(new RefundPaymentOrder(order.PayOrdId, null), default))).Ok();

        Assert.Equal(OrderStatus.Refunded, refunded.Status);
        Assert.Equal(800m, await BalanceAsync(app));
        Assert.Equal(SettlementStatus.Cancelled, await app.ReadAsync(s => s.Db.Settlements.Select(x => x.Status).SingleAsync()));
        Assert.Equal("order_not_refundable", (await app.CommitAsync(s => s.Use<RefundPaymentOrderHandler>().HandleAsync(new RefundPaymentOrder(order.PayOrdId, null), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ExpirePaymentOrders_PastTheirTime_LetGoOnceByTheSweepOrOnRead(string provider)
    {
        var (app, clock) = await CreateAsync(provider);
        await using var _app = app;
        var swept = await OrderAsync(app);
        var read = await OrderAsync(app);

        Assert.Equal(0, await app.ReadAsync(s => s.Use<ExpirePaymentOrdersHandler>().HandleAsync(new ExpireDuePaymentOrders(), default)));
        clock.Advance(TimeSpan.FromMinutes(31));
        var seen = (await app.ReadAsync(s => s.Use<GetPaymentOrderHandler>().HandleAsync(new GetPaymentOrder(read.PayOrdId, PsnNo: ZhangWei), default))).Ok();
        var expired = await app.ReadAsync(s => s.Use<ExpirePaymentOrdersHandler>().HandleAsync(new ExpireDuePaymentOrders(), default));

        Assert.Equal(OrderStatus.Expired, seen.Status);
        Assert.Equal(1, expired);
        Assert.Equal(OrderStatus.Expired, await app.ReadAsync(s => s.Db.PaymentOrders.Where(o => o.PayOrdId == swept.PayOrdId).Select(o => o.Status).SingleAsync()));
        Assert.Equal(800m, await BalanceAsync(app));
        Assert.Equal(0, await app.ReadAsync(s => s.Use<ExpirePaymentOrdersHandler>().HandleAsync(new ExpireDuePaymentOrders(), default)));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetPaymentOrder_ForItsPersonOrInstitution_WithItsHistory(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var order = await OrderAsync(app);

        var mine = (await app.ReadAsync(s => s.Use<GetPaymentOrderHandler>().HandleAsync(new GetPaymentOrder(order.PayOrdId, Institution: Hospital), default))).Ok();
        var listed = await app.ReadAsync(s => s.Use<GetPaymentOrderHandler>().HandleAsync(new ListPaymentOrders(ZhangWei), default));

        Assert.Single(mine.Events);
        Assert.Equal(order.PayOrdId, Assert.Single(listed).PayOrdId);
        Assert.Equal("order_not_found", (await app.ReadAsync(s => s.Use<GetPaymentOrderHandler>().HandleAsync(new GetPaymentOrder(order.PayOrdId, PsnNo: WangFang), default))).Refusal());
        Assert.Empty(await app.ReadAsync(s => s.Use<GetPaymentOrderHandler>().HandleAsync(new ListPaymentOrders(WangFang), default)));
    }
}
