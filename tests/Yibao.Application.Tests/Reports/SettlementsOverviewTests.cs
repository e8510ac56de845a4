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
        Assert.Equal("invalid_period", (await app.ReadAsync(s => s.Use<SettlementsOverviewHandler>().HandleAsync(new SettlementsOverview(today, today.AddDays(-1), null), default))).Refusal());
    }
}
