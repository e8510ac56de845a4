using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Supervision;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Supervision;

/// <summary>After the event: a month's settled claims through the after-event rules, raised once.</summary>
public sealed class RunSupervisionTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RunSupervision_AMonthsSettledClaims_RaisesFindingsOnceAndARerunNothingNew(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApplication.CreateAsync(provider, clock);
        var men = new[] { await app.SettleAsync(await app.OpenVisitAsync()), await app.SettleAsync(await app.OpenVisitAsync()) };
        var woman = await app.SettleAsync(await app.OpenVisitAsync(WangFang));
        clock.Advance(TimeSpan.FromDays(15)); // December: November is closed
        (await app.CommitAsync(s => s.Use<LoadSupervisionKnowledgeHandler>().HandleAsync(new LoadSupervisionKnowledge(
            "330100", """{"restrictions": [{"code": "XC08CAA001A001", "gender": "2"}], "frequencyLimits": [{"code": "XC10AAA005A001", "maxCount": 40, "periodDays": 30}]}""", "test"), default))).Ok();
        Task<SupervisionRunReport> RunAsync(params string[] rules) =>
            app.ReadAsync(async s => (await s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-11", rules, "test"), null, default)).Ok());

        var first = await RunAsync();
        var again = await RunAsync();
        var findings = await app.ReadAsync(s => s.Db.SupervisionFindings.AsNoTracking().Where(f => f.Stage == "after").ToListAsync());

        Assert.Equal(3, first.Claims);
        Assert.Equal(2, first.ByRule["POL001"]); // the two men's amlodipine
        Assert.Equal(1, first.ByRule["MED002"]); // 56 atorvastatin tablets in 30 days: the second claim passes the limit
        Assert.Equal(first.Raised, findings.Count);
        Assert.Equal((0, first.Raised), (again.Raised, again.AlreadyRaised));
        Assert.All(findings.Where(f => f.RuleId == "POL001"), f => Assert.Contains(f.SetlId, men));
        Assert.DoesNotContain(findings, f => f.SetlId == woman);
        Assert.All(findings, f => Assert.Equal(("2026-11", Hospital), (f.Period, f.FixmedinsCode)));
        Assert.All(findings, f => Assert.EndsWith(f.FindingKey![..20].ToUpperInvariant(), f.JrId, StringComparison.Ordinal)); // no random id to collide at scale
        Assert.Equal("invalid_analysis", (await app.ReadAsync(s => s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-13", [], "test"), null, default))).Refusal());
        Assert.Equal("invalid_analysis", (await app.ReadAsync(s => s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-11", ["NOPE"], "test"), null, default))).Refusal());
    }
}
