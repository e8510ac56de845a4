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

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ReconcileDetails_EachKindOfMismatch_IsNamedAndWhatWasNotSentIsListed(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var agreed = await app.SettleAsync(await app.OpenVisitAsync());
        var cancelled = await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));
        (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(cancelled), default))).Ok();
        var differing = await app.SettleAsync(await app.OpenVisitAsync());
        var notSent = await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));
        var elsewhere = await app.SettleAsync(await app.OpenVisitAsync(institution: Community));
        var rows = await app.ReadAsync(s => s.Db.Settlements.AsNoTracking().ToDictionaryAsync(x => x.SetlId));
        var day = rows[agreed].SettlementDate;
        StatedSettlement Stated(string setlId, decimal extra = 0m) =>
            new(setlId, rows[setlId].MdtrtId, rows[setlId].PsnNo, rows[setlId].MedfeeSumamt + extra, rows[setlId].FundPaySumamt, rows[setlId].AcctPay, false);
        List<StatedSettlement> details =
            [Stated(agreed), Stated(cancelled), Stated(differing, 1m), Stated(elsewhere), new("S-NOT-A-SETTLEMENT", "M1", ZhangWei, 10m, 0m, 0m, false)];
        var totals = new StatedTotalsOfDetails(details.Sum(d => d.MedfeeSumamt), details.Sum(d => d.FundPaySumamt), details.Sum(d => d.MedfeeSumamt - d.FundPaySumamt - d.AcctPay), details.Count);
        Task<Domain.Result<DetailReconciliation>> Reconcile(StatedTotalsOfDetails stated, IReadOnlyList<StatedSettlement> sent) =>
            app.ReadAsync(s => s.Use<ReconcileDetailsHandler>().HandleAsync(new ReconcileDetails(Hospital, day, day, null, stated, false, sent), default));

        var result = (await Reconcile(totals, details)).Ok();

        Assert.Equal(
            [(agreed, DetailResult.Agrees), (cancelled, DetailResult.CancelledOnPlatform), (differing, DetailResult.Differs), (elsewhere, DetailResult.UnknownToPlatform), ("S-NOT-A-SETTLEMENT", DetailResult.UnknownToPlatform)],
            result.Results.Select(r => (r.SetlId, r.Result)));
        Assert.Contains("medfee_sumamt", result.Results[2].Memo, StringComparison.Ordinal);
        Assert.Equal([notSent], result.PlatformOnly.Select(p => p.SetlId));
        Assert.Equal(1, result.PlatformOnlyCount);
        Assert.Equal("details_do_not_add_up", (await Reconcile(totals with { Count = 4 }, details)).Refusal());
        Assert.Equal("invalid_details", (await Reconcile(totals with { MedfeeSumamt = totals.MedfeeSumamt * 2, FundPaySumamt = totals.FundPaySumamt * 2, CashPayamt = totals.CashPayamt * 2, Count = 10 }, [.. details, .. details])).Refusal());
    }
}
