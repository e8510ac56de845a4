using Microsoft.EntityFrameworkCore;
using Yibao.Application.Supervision;
using Yibao.Domain.Supervision;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Supervision;

/// <summary>3101/3102 and 3103 as use cases: a doctor's orders judged before the event, and the doctor's decisions.</summary>
public sealed class AnalysisTests
{
    private static SupervisedClaim Orders(string psnNo = ZhangWei, string gender = "1") => new()
    {
        MdtrtId = "HIS-1",
        PsnNo = psnNo,
        Gender = gender,
        Birthday = new DateOnly(1968, 3, 14),
        Insutype = "310",
        FixmedinsCode = Hospital,
        Level = 3,
        Scene = Scene.Outpatient,
        MedType = "11",
        Date = new DateOnly(2026, 11, 20),
        Diagnoses = ["I10"],
        Lines = [new SupervisedLine("O1", "XC08CAA001A001", "Amlodipine", 1.85m, 28m, 51.80m, new DateOnly(2026, 11, 20))],
    };

    private static async Task<TestApplication> WithKnowledgeAsync(string provider)
    {
        var app = await TestApplication.CreateAsync(provider);
        (await app.CommitAsync(s => s.Use<LoadSupervisionKnowledgeHandler>().HandleAsync(new LoadSupervisionKnowledge("330100", """{"restrictions": [{"code": "XC08CAA001A001", "gender": "2"}]}""", "test"), default))).Ok();
        return app;
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AnalyseClaims_BeforeTheEvent_AnswersEachFindingWithItsJrIdAndKeepsIt(string provider)
    {
        await using var app = await WithKnowledgeAsync(provider);

        var found = (await app.CommitAsync(s => s.Use<AnalyseClaimsHandler>().HandleAsync(new AnalyseClaims(Hospital, "T1", RuleStage.Before, [], [Orders()]), default))).Ok();
        var woman = (await app.CommitAsync(s => s.Use<AnalyseClaimsHandler>().HandleAsync(new AnalyseClaims(Hospital, "T2", RuleStage.Before, [], [Orders(WangFang, "2")]), default))).Ok();
        var narrowed = (await app.CommitAsync(s => s.Use<AnalyseClaimsHandler>().HandleAsync(new AnalyseClaims(Hospital, "T3", RuleStage.Before, ["MED001"], [Orders()]), default))).Ok();
        var unknown = await app.CommitAsync(s => s.Use<AnalyseClaimsHandler>().HandleAsync(new AnalyseClaims(Hospital, "T4", RuleStage.Before, ["NOPE"], [Orders()]), default));
        var kept = await app.ReadAsync(s => s.Db.SupervisionFindings.AsNoTracking().SingleAsync());

        var finding = Assert.Single(found);
        Assert.Equal(("POL001", 51.80m), (finding.Finding.RuleId, finding.Finding.Amount));
        Assert.Equal(["O1"], finding.Finding.EvidenceLines);
        Assert.Equal((finding.JrId, "before", "T1", Hospital), (kept.JrId, kept.Stage, kept.TaskId, kept.FixmedinsCode));
        Assert.Empty(woman);
        Assert.Empty(narrowed);
        Assert.Equal("invalid_analysis", unknown.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RecordWarningDecisions_TheDoctorsDecisions_AreKeptOnTheirOwnFindingsOnly(string provider)
    {
        await using var app = await WithKnowledgeAsync(provider);
        var jrId = (await app.CommitAsync(s => s.Use<AnalyseClaimsHandler>().HandleAsync(new AnalyseClaims(Hospital, "T1", RuleStage.Before, [], [Orders()]), default))).Ok().Single().JrId;
        Task<Domain.Result<int>> DecideAsync(string institution, string way, string? reason, string warnType = "1") =>
            app.CommitAsync(s => s.Use<RecordWarningDecisionsHandler>().HandleAsync(new RecordWarningDecisions(institution, warnType, [new WarningDecision(jrId, way, reason)]), default));

        Assert.Equal("invalid_analysis", (await DecideAsync(Hospital, "1", null)).Refusal());
        Assert.Equal("finding_not_found", (await DecideAsync(Community, "2", null)).Refusal());
        Assert.Equal("finding_not_found", (await DecideAsync(Hospital, "2", null, "2")).Refusal());
        Assert.Equal(1, (await DecideAsync(Hospital, "1", "the patient was examined; the restriction does not apply")).Ok());
        var kept = await app.ReadAsync(s => s.Db.SupervisionFindings.AsNoTracking().SingleAsync(f => f.JrId == jrId));
        Assert.Equal(("1", "the patient was examined; the restriction does not apply"), (kept.DspoWay, kept.DspoWayRea));
    }
}
