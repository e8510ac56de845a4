using Yibao.Domain.Lifecycles;
using Yibao.Domain.Payments;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage.Entities;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Payments;

/// <summary>
/// Whatever happens to payment orders, in whatever order — confirmations, payments, repeated and
/// forged callbacks, revocations, timeouts, refunds — the person's account and accumulators are
/// exactly what the settlements still standing (committed or held) took, each order's state agrees
/// with its settlement's, and the provider keeps the cash of settled orders only.
/// </summary>
public sealed class PaymentOrderPropertyTests
{
    private enum Step
    {
        Confirm,
        Pay,
        CallbackAgain,
        ForgedCallback,
        Revoke,
        TimeOut,
        Refund,
    }

    // Most lives begin with a confirmation, many with a payment, so that later steps meet every state.
    private static readonly Step[][] Openings = [[], [Step.Confirm], [Step.Confirm, Step.Pay]];

    private static readonly Gen<Step[][]> Scripts = Gen.Select(Gen.Int[0, Openings.Length - 1], Gen.Enum<Step>().Array[1, 4])
        .Select(t => Openings[t.Item1].Concat(t.Item2).ToArray())
        .Array[1, 3];

    [Fact]
    public async Task AnySequenceOfOrderEvents_MoneyEqualsTheStandingSettlements()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "0" });
        var flow = new PaymentFlow(server);
        var phone = await Phone.SignInAsync(server, PaymentFlow.Certno);
        var startBalance = await flow.BalanceAsync();

        await Scripts.SampleAsync(async scripts =>
        {
            foreach (var script in scripts)
            {
                await RunAsync(flow, phone, script);
            }

            await using var db = server.OpenDatabase();
            var orders = await db.PaymentOrders.AsNoTracking().Where(o => o.PsnNo == PaymentFlow.PsnNo).ToListAsync();
            var settlements = await db.Settlements.AsNoTracking().Where(s => s.PsnNo == PaymentFlow.PsnNo).ToDictionaryAsync(s => s.SetlId);
            var standing = settlements.Values.Where(s => s.Status is SettlementStatus.Settled or SettlementStatus.Pending).ToList();
            var balance = (await db.PersonalAccounts.AsNoTracking().SingleAsync(a => a.PsnNo == PaymentFlow.PsnNo)).Balance;
            var accumulators = await db.Accumulators.AsNoTracking().Where(a => a.PsnNo == PaymentFlow.PsnNo).ToListAsync();

            Assert.Equal(startBalance - standing.Sum(s => s.AcctPay), balance);
            Assert.True(balance >= 0m);
            foreach (var accumulator in accumulators)
            {
                var mine = standing.Where(s => s.BenefitKind == accumulator.BenefitKind && s.Year == accumulator.Year).ToList();
                Assert.Equal(mine.Sum(s => s.DeductibleDelta), accumulator.DeductiblePaid);
                Assert.Equal(mine.Sum(s => s.FundDelta), accumulator.FundPaid);
            }

            foreach (var order in orders)
            {
                var expected = order.Status switch
                {
                    OrderStatus.Created or OrderStatus.AwaitingPayment => SettlementStatus.Pending,
                    OrderStatus.Settled => SettlementStatus.Settled,
                    OrderStatus.Refunded => SettlementStatus.Cancelled,
                    _ => SettlementStatus.Released,
                };
                Assert.Equal(expected, settlements[order.SetlId].Status);

                // The cash: kept by the provider exactly for a settled order, all of it back otherwise.
                var kept = order.ProviderTradeNo is { } tradeNo && flow.Provider.Find(tradeNo) is { } trade
                    ? (trade.Paid ? trade.Amount : 0m) - trade.Refunded
                    : 0m;
                Assert.Equal(order.Status == OrderStatus.Settled ? order.CashTotal : 0m, kept);
            }
        }, iter: 25, threads: 1);
    }

    /// <summary>
    /// One order's life as the script says; steps that do not apply in the order's state are refused,
    /// which the invariants must survive too. An order left open stays held for later scripts (whose time-outs may expire it).
    /// </summary>
    private static async Task RunAsync(PaymentFlow flow, HttpClient phone, Step[] script)
    {
        var order = await flow.OrderAsync(await flow.VisitAsync());
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;
        string? tradeNo = null;
        (string Body, string Signature)? callback = null;
        foreach (var step in script)
        {
            switch (step)
            {
                case Step.Confirm:
                    var confirmed = await PaymentFlow.PostConfirmationAsync(phone, order);
                    if (confirmed.Headers.Location?.OriginalString is { } location && location.StartsWith("/sim-pay/", StringComparison.Ordinal))
                    {
                        tradeNo = location["/sim-pay/".Length..];
                    }

                    break;
                case Step.Pay when tradeNo is not null:
                    callback = flow.Provider.Pay(tradeNo) ?? callback;
                    if (callback is { } paid)
                    {
                        await flow.NotifyAsync(paid.Body, paid.Signature);
                    }

                    break;
                case Step.CallbackAgain when callback is { } again:
                    await flow.NotifyAsync(again.Body, again.Signature);
                    break;
                case Step.ForgedCallback when tradeNo is not null:
                    var (body, _) = flow.Provider.Notification(tradeNo, payOrdId, order.Amount("cash_total"), flow.Server.Clock.GetUtcNow());
                    Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await flow.NotifyAsync(body, new string('a', 64))).StatusCode);
                    break;
                case Step.Revoke:
                    await flow.Client.SendAsync(HttpMethod.Post, $"/api/payment-orders/{payOrdId}/revocation", new { });
                    break;
                case Step.TimeOut:
                    flow.Server.Clock.Advance(TimeSpan.FromMinutes(31));
                    await flow.SweepAsync();
                    break;
                case Step.Refund:
                    await flow.Client.SendAsync(HttpMethod.Post, $"/api/payment-orders/{payOrdId}/refund", new { });
                    break;
                default:
                    break; // a payment step before there is a trade to pay
            }
        }
    }
}
