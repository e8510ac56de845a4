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
        var men = new[] { await app.OpenVisitAsync(), await app.OpenVisitAsync() };
        var woman = await app.OpenVisitAsync(WangFang);
        foreach (var claim in men.Append(woman))
        {
            await app.SettleAsync(claim);
        }

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
        Assert.All(findings.Where(f => f.RuleId == "POL001"), f => Assert.Contains(f.MdtrtId, men));
        Assert.DoesNotContain(findings, f => f.MdtrtId == woman);
        Assert.All(findings, f => Assert.Equal(("2026-11", Hospital), (f.Period, f.FixmedinsCode)));
        Assert.All(findings, f => Assert.Equal("JR" + f.FindingKey![..38].ToUpperInvariant(), f.JrId)); // no random id to collide at scale
        Assert.Equal("invalid_analysis", (await app.ReadAsync(s => s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-13", [], "test"), null, default))).Refusal());
        Assert.Equal("invalid_analysis", (await app.ReadAsync(s => s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-11", ["NOPE"], "test"), null, default))).Refusal());
    }
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RunSupervision_AWriteFailsMidRun_FailsWithItKeepsWhatWasWrittenAndARerunRaisesTheRest(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApplication.CreateAsync(provider, clock, options: o => o.Supervision.FindingsPerWrite = 1);
        await app.SettleAsync(await app.OpenVisitAsync(ZhangWei));
        await app.SettleAsync(await app.OpenVisitAsync(ChenJie)); // two men, each a finding of his own, each written on its own
        clock.Advance(TimeSpan.FromDays(15));
        (await app.CommitAsync(s => s.Use<LoadSupervisionKnowledgeHandler>().HandleAsync(new LoadSupervisionKnowledge(
            "330100", """{"restrictions": [{"code": "XC08CAA001A001", "gender": "2"}]}""", "test"), default))).Ok();
        // The database refuses every after-event finding once one is there: the first write goes in, the second fails.
        string[] refuse = provider == "postgres"
            ? ["""
               CREATE FUNCTION refuse_second() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                 IF EXISTS (SELECT 1 FROM supervision_findings WHERE stage = 'after') THEN RAISE EXCEPTION 'refused by the test'; END IF;
                 RETURN NEW; END $$
               """, "CREATE TRIGGER refuse_second BEFORE INSERT ON supervision_findings FOR EACH ROW EXECUTE FUNCTION refuse_second()"]
            : ["""
               CREATE TRIGGER refuse_second BEFORE INSERT ON supervision_findings
               WHEN EXISTS (SELECT 1 FROM supervision_findings WHERE stage = 'after') BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
               """];
        foreach (var statement in refuse)
        {
            await app.ReadAsync(s => s.Db.Database.ExecuteSqlRawAsync(statement));
        }

        Task<SupervisionRunReport> RunAsync() =>
            app.ReadAsync(async s => (await s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-11", [], "test"), null, default)).Ok());
        Task<List<Storage.Entities.SupervisionFindingRow>> FindingsAsync() =>
            app.ReadAsync(s => s.Db.SupervisionFindings.AsNoTracking().Where(f => f.Stage == "after").ToListAsync());

        var failure = await Assert.ThrowsAnyAsync<Exception>(RunAsync);
        var written = await FindingsAsync();
        var record = await app.ReadAsync(s => s.Db.SupervisionRuns.AsNoTracking().SingleAsync());
        var drop = provider == "postgres" ? "DROP TRIGGER refuse_second ON supervision_findings" : "DROP TRIGGER refuse_second";
        await app.ReadAsync(s => s.Db.Database.ExecuteSqlRawAsync(drop));
        var rerun = await RunAsync();

        Assert.Contains("refused by the test", Flatten(failure), StringComparison.Ordinal);
        Assert.Equal(ZhangWei, Assert.Single(written).PsnNo); // patients in order: his finding was written before the failure
        Assert.Null(record.FinishedAt);
        Assert.Equal((1, 1), (rerun.Raised, rerun.AlreadyRaised));
        Assert.Equal([ZhangWei, ChenJie], (await FindingsAsync()).Select(f => f.PsnNo).Order(StringComparer.Ordinal));
    }

    private static string Flatten(Exception e) => e.InnerException is { } inner ? e.Message + " | " + Flatten(inner) : e.Message;
}
