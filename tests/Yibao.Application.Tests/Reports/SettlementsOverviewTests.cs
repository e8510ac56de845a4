using Microsoft.EntityFrameworkCore;
using Yibao.Application.Reports;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Reports;

public sealed class SettlementsOverviewTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettlementsOverview_APeriod_CountsAndSumsEachDayAndChannelToTheCent(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await app.SettleAsync(await app.OpenVisitAsync());
        await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var stored = await app.ReadAsync(s => s.Db.Settlements.Select(x => new { x.FundPaySumamt, x.MedfeeSumamt }).ToListAsync());

        var overview = (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(new SettlementsOverview(today.AddDays(-6), today, null), default))).Ok();
        var elsewhere = (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(new SettlementsOverview(today.AddDays(-6), today, "110100"), default))).Ok();

        Assert.Equal(7, overview.Days.Count);
        Assert.Equal(today.AddDays(-6), overview.Days[0].Date);
        var day = overview.Days[^1];
        Assert.Equal((2, stored.Sum(x => x.FundPaySumamt), stored.Sum(x => x.MedfeeSumamt)), (day.Count, day.FundPaid, day.MedfeeSumamt));
        Assert.All(overview.Days.Take(6), d => Assert.Equal(0, d.Count));
        Assert.Equal([new GroupTotals("offline", 2, stored.Sum(x => x.FundPaySumamt))], overview.Channels);
        Assert.Equal([new GroupTotals("outpatient", 2, stored.Sum(x => x.FundPaySumamt))], overview.BenefitKinds);
        Assert.Equal([new GroupTotals(Hospital, 2, stored.Sum(x => x.FundPaySumamt))], overview.TopInstitutions);
        Assert.Equal(0, elsewhere.Days.Sum(d => d.Count));
        Assert.Equal([new GroupTotals("3", 2, stored.Sum(x => x.FundPaySumamt))], overview.Levels);
        Assert.Equal([new GroupTotals("local", 2, stored.Sum(x => x.FundPaySumamt))], overview.CrossRegion);
        Assert.Equal([new GroupTotals("out", 0, 0m)], elsewhere.CrossRegion);
        Assert.Empty(overview.PaymentOrders);
        Assert.Equal("invalid_period", (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(new SettlementsOverview(today, today.AddDays(-1), null), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettlementsOverview_CrossRegionAndAPaymentOrder_AreCountedInAndOutAndByState(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await app.SettleAsync(await app.OpenVisitAsync(psnNo: "1101000000000004")); // a Beijing employee treated in Hangzhou
        var ordered = await app.OpenVisitAsync();
        var order = (await app.CommitAsync(s => s.Use<Application.Payments.CreatePaymentOrderHandler>().HandleAsync(new Application.Payments.CreatePaymentOrder(ordered, FromAccount, null), default))).Ok();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var fund = await app.ReadAsync(s => s.Db.Settlements.Where(x => x.PsnNo == "1101000000000004").Select(x => x.FundPaySumamt).SingleAsync());

        var hangzhou = (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(new SettlementsOverview(today.AddDays(-1), today, "330100"), default))).Ok();
        var beijing = (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(new SettlementsOverview(today.AddDays(-1), today, "110100"), default))).Ok();
        var yesterday = (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(new SettlementsOverview(today.AddDays(-2), today.AddDays(-1), null), default))).Ok();

        Assert.Equal([new GroupTotals("in", 1, fund), new GroupTotals("out", 0, 0m)], hangzhou.CrossRegion);
        Assert.Equal([new GroupTotals("out", 1, fund)], beijing.CrossRegion);
        Assert.Equal([new GroupTotals("created", 1, order.CashTotal)], hangzhou.PaymentOrders);
        Assert.Empty(yesterday.PaymentOrders);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettlementsOverview_ClosedDays_AreKeptAndSummedAgainAfterALateCancellation(string provider)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApplication.CreateAsync(provider, clock);
        var first = await app.SettleAsync(await app.OpenVisitAsync());
        await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));
        var day = new DateOnly(2026, 11, 2);
        clock.Advance(TimeSpan.FromDays(5));
        var period = new SettlementsOverview(day, day.AddDays(5), null);

        var summed = (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(period, default))).Ok();
        var kept = await app.ReadAsync(s => s.Db.SettlementDayTotals.CountAsync(t => t.Day == day && t.Dimension == "day"));
        // The kept total is what the next view reads: marked, it shows.
        await app.ReadAsync(s => s.Db.SettlementDayTotals.Where(t => t.Day == day && t.Dimension == "day").ExecuteUpdateAsync(u => u.SetProperty(t => t.FundPaid, 999.99m)));
        var again = (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(period, default))).Ok();
        (await app.CommitAsync(s => s.Use<Application.Settlements.CancelSettlementHandler>().HandleAsync(new Application.Settlements.CancelSettlement(first), default))).Ok();
        var afterCancel = (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(period, default))).Ok();

        Assert.Equal(2, summed.Days[0].Count);
        Assert.Equal(1, kept);
        Assert.Equal((2, 999.99m), (again.Days[0].Count, again.Days[0].FundPaid));
        Assert.Equal(summed.BenefitKinds, again.BenefitKinds);
        Assert.Equal(1, afterCancel.Days[0].Count);
        Assert.Equal([new GroupTotals("offline", 1, afterCancel.Days[0].FundPaid)], afterCancel.Channels);
    }
}
