using Yibao.Domain.Lifecycles;
using Yibao.Domain.Payments;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage.Entities;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Payments;

public sealed class PaymentConcurrencyTests
{
    [Fact]
    public async Task CallbackRevokeAndSweep_RacingOnPostgres_EachOrderSettlesOrReleasesExactlyOnce()
    {
        await using var server = await YibaoServer.StartAsync("postgres", new() { ["Yibao:PaymentSweepSeconds"] = "0" });
        var flow = new PaymentFlow(server);
        var phone = await Phone.SignInAsync(server, PaymentFlow.Certno);
        var startBalance = await flow.BalanceAsync();

        // Eight orders, each confirmed and paid at the provider, whose callbacks are not delivered yet.
        var orders = new List<(string PayOrdId, string Body, string Signature)>();
        for (var i = 0; i < 8; i++)
        {
            var order = await flow.OrderAsync(await flow.VisitAsync());
            var cashier = await PaymentFlow.ConfirmOnPhoneAsync(phone, order);
            var (body, signature) = flow.Provider.Pay(cashier["/sim-pay/".Length..])!.Value;
            orders.Add((order.GetProperty("pay_ord_id").GetString()!, body, signature));
        }

        // Past the timeout: the sweep may expire what the callbacks (paid in time) may settle and the institution may revoke.
        server.Clock.Advance(TimeSpan.FromMinutes(31));
        var race = orders.SelectMany(o => new Func<Task<HttpStatusCode>>[]
        {
            async () => (await flow.NotifyAsync(o.Body, o.Signature)).StatusCode,
            async () => (await server.HisClient().SendAsync(HttpMethod.Post, $"/api/payment-orders/{o.PayOrdId}/revocation", new { })).StatusCode,
            async () => await flow.SweepAsync() >= 0 ? HttpStatusCode.OK : HttpStatusCode.InternalServerError,
        });
        var statuses = await Task.WhenAll(race.Select(work => Task.Run(work)));

        // Every callback is delivered once more after the race: late ones are refunded, none settles twice.
        foreach (var o in orders)
        {
            Assert.Equal(HttpStatusCode.OK, (await flow.NotifyAsync(o.Body, o.Signature)).StatusCode);
        }

        await using var db = server.OpenDatabase();
        var rows = await db.PaymentOrders.AsNoTracking().Include(o => o.Events).Where(o => o.PsnNo == PaymentFlow.PsnNo).ToListAsync();
        var settlements = await db.Settlements.AsNoTracking().Where(s => s.PsnNo == PaymentFlow.PsnNo).ToListAsync();
        var accumulators = await db.Accumulators.AsNoTracking().Where(a => a.PsnNo == PaymentFlow.PsnNo).ToListAsync();
        var balance = (await db.PersonalAccounts.AsNoTracking().SingleAsync(a => a.PsnNo == PaymentFlow.PsnNo)).Balance;

        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
        Assert.All(rows, o =>
        {
            var endings = o.Events.Count(e => e.To is "settled" or "revoked" or "expired" && e.From != e.To);
            Assert.Equal(1, endings);
            Assert.Equal(o.Status == OrderStatus.Settled, o.RefundNo is null); // every payment that did not settle went back
        });
        var committed = settlements.Where(s => s.Status == SettlementStatus.Settled).ToList();
        Assert.Equal(rows.Count(o => o.Status == OrderStatus.Settled), committed.Count);
        Assert.Equal(rows.Count(o => o.Status != OrderStatus.Settled), settlements.Count(s => s.Status == SettlementStatus.Released));
        Assert.Equal(startBalance - committed.Sum(s => s.AcctPay), balance);
        foreach (var accumulator in accumulators)
        {
            var mine = committed.Where(s => s.BenefitKind == accumulator.BenefitKind && s.Year == accumulator.Year).ToList();
            Assert.Equal(mine.Sum(s => s.DeductibleDelta), accumulator.DeductiblePaid);
            Assert.Equal(mine.Sum(s => s.FundDelta), accumulator.FundPaid);
        }
    }
}
