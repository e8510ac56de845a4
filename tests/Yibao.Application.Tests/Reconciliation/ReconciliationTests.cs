using Microsoft.EntityFrameworkCore;
using Yibao.Application.Reconciliation;
using Yibao.Application.Settlements;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Reconciliation;

/// <summary>Reconciliation on a real database of each provider.</summary>
public sealed class ReconciliationTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetDailyTotals_ASettlementAndACancellation_NetToTheRemainingOne(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var kept = await app.SettleAsync(await app.OpenVisitAsync());
        var cancelled = await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));
        (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(cancelled), default))).Ok();
        var medfee = await app.ReadAsync(s => s.Db.Settlements.Where(x => x.SetlId == kept).Select(x => x.MedfeeSumamt).SingleAsync());

        var totals = (await app.ReadAsync(s => s.Use<GetDailyTotalsHandler>().HandleAsync(new GetDailyTotals(Hospital), default))).Ok();

        Assert.Equal((2, 1, 1), (totals.Settled.Count, totals.Cancelled.Count, totals.Net.Count));
        Assert.Equal(medfee, totals.Net.MedfeeSumamt);
        Assert.Equal("institution_not_found", (await app.ReadAsync(s => s.Use<GetDailyTotalsHandler>().HandleAsync(new GetDailyTotals("NOPE"), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ReconcileTotals_StatedTotals_AgreeOrNameEachDifference(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var setlId = await app.SettleAsync(await app.OpenVisitAsync());
        var s0 = await app.ReadAsync(s => s.Db.Settlements.SingleAsync(x => x.SetlId == setlId));
        var day = s0.SettlementDate;
        Task<Domain.Result<Application.Reconciliation.Reconciliation>> Reconcile(decimal medfee, int count) => app.ReadAsync(s => s.Use<ReconcileTotalsHandler>().HandleAsync(
            new ReconcileTotals(Hospital, "310", day, day, null, medfee, s0.FundPaySumamt, s0.AcctPay, count), default));

        Assert.True((await Reconcile(s0.MedfeeSumamt, 1)).Ok().Agrees);
        var differs = (await Reconcile(s0.MedfeeSumamt + 1m, 2)).Ok();
        Assert.Equal(2, differs.Differences.Count);
        Assert.Equal("invalid_period", (await app.ReadAsync(s => s.Use<ReconcileTotalsHandler>().HandleAsync(new ReconcileTotals(Hospital, "310", day, day.AddDays(-1), null, 0, 0, 0, 0), default))).Refusal());
    }
}
