using Microsoft.EntityFrameworkCore;
using Yibao.Application.Settlements;
using Yibao.Application.Supervision;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Supervision;

/// <summary>The rule base during the event: the area's knowledge loaded, a settlement warned or blocked, and the findings kept.</summary>
public sealed class SupervisionCheckTests
{
    /// <summary>Amlodipine restricted to women (a test fixture, not pharmacology); the price caps come from the catalogue.</summary>
    private const string WomenOnlyAmlodipine = """{"restrictions": [{"code": "XC08CAA001A001", "gender": "2"}]}""";

    private static Task<Domain.Result<LoadedSupervisionKnowledge>> LoadAsync(TestApplication app, string document, string area = "330100") =>
        app.CommitAsync(s => s.Use<LoadSupervisionKnowledgeHandler>().HandleAsync(new LoadSupervisionKnowledge(area, document, "test"), default));

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task LoadSupervisionKnowledge_ValidAndInvalidDocuments_KeepsVersionsAndNamesEveryMistake(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var first = (await LoadAsync(app, WomenOnlyAmlodipine)).Ok();
        var second = (await LoadAsync(app, """{"ruleSettings": {"MGT005": {"windowDays": 30}}, "disabledRules": ["MGT001"]}""")).Ok();
        var unknownRule = await LoadAsync(app, """{"ruleSettings": {"NOPE": {"x": 1}}, "disabledRules": ["ALSO"]}""");
        var unknownParameter = await LoadAsync(app, """{"ruleSettings": {"MGT005": {"days": 30}}}""");

        Assert.Equal((1, 1, 2, 1, 1), (first.Version, first.Restrictions, second.Version, second.RuleSettings, second.DisabledRules));
        Assert.Equal("invalid_knowledge", unknownRule.Refusal());
        Assert.Contains("ruleSettings.NOPE", unknownRule.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("disabledRules: no rule ALSO", unknownRule.Error.Message, StringComparison.Ordinal);
        Assert.Contains("windowDays", unknownParameter.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("invalid_knowledge", (await LoadAsync(app, "[1]")).Refusal());
        Assert.Equal("unknown_area", (await LoadAsync(app, "{}", "999999")).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_ABlockingRuleFires_IsRefusedWithItsRuleIdAndNothingIsSettled(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        (await LoadAsync(app, WomenOnlyAmlodipine)).Ok();
        var mdtrtId = await app.OpenVisitAsync();

        var refused = await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount), default));
        var wangFang = await app.OpenVisitAsync(WangFang);

        Assert.Equal("supervision_blocked", refused.Refusal());
        Assert.StartsWith("[POL001]", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.ReadAsync(s => s.Db.Settlements.CountAsync(x => x.MdtrtId == mdtrtId)));
        await app.SettleAsync(wangFang); // a woman may have it
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_AWarningRuleFires_SettlesAndKeepsTheFindingWithTheSettlement(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        (await LoadAsync(app, "{}")).Ok();
        var mdtrtId = await app.OpenVisitAsync(); // atorvastatin at 3.60, its governing price 3.20

        var preview = await app.ReadAsync(async s =>
        {
            (await s.Use<PreSettleVisitHandler>().HandleAsync(new PreSettleVisit(mdtrtId, FromAccount), default)).Ok();
            return s.Use<ClaimFindings>().WarnMsg;
        });
        var setlId = await app.SettleAsync(mdtrtId);
        var kept = await app.ReadAsync(s => s.Db.SupervisionFindings.AsNoTracking().SingleAsync(f => f.SetlId == setlId));

        Assert.StartsWith("[MGT001]", preview, StringComparison.Ordinal);
        Assert.Equal(("MGT001", "during", 11.20m, Hospital), (kept.RuleId, kept.Stage, kept.Amount, kept.FixmedinsCode));
        Assert.Equal("[\"2\"]", kept.Evidence);
        Assert.Contains("3.2", kept.Content, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_NoKnowledgeOrTheRuleDisabled_JudgesNothing(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var unjudged = await app.SettleAsync(await app.OpenVisitAsync());
        (await LoadAsync(app, """{"disabledRules": ["MGT001"]}""")).Ok();
        var disabled = await app.SettleAsync(await app.OpenVisitAsync());

        Assert.Equal(0, await app.ReadAsync(s => s.Db.SupervisionFindings.CountAsync(f => f.SetlId == unjudged || f.SetlId == disabled)));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_APrescriptionWithAFraudRefusal_KeepsAFindingWithTheDispensing(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Prescriptions.RxFlow.Now));
        (await LoadAsync(app, "{}")).Ok();
        var (hiRxno, _) = await Prescriptions.RxFlow.CirculatingAsync(app);
        var (other, _) = await Prescriptions.RxFlow.CirculatingAsync(app, psnNo: "3301000000000002", drugs: [Prescriptions.RxFlow.Drug("XA10BAA001A001", "Metformin", 28, 0.5m)]);
        var othersPass = await Prescriptions.RxFlow.ScanAsync(app, other, "3301000000000002");
        Assert.Equal("rx_not_own_patient", (await Prescriptions.RxFlow.DownloadAsync(app, othersPass, hiRxno)).Refusal());

        var settlement = (await Prescriptions.RxFlow.SettleAsync(app, await Prescriptions.RxFlow.ReadyToSettleAsync(app, hiRxno))).Ok();
        var kept = await app.ReadAsync(s => s.Db.SupervisionFindings.AsNoTracking().Where(f => f.SetlId == settlement.SetlId).Select(f => f.RuleId).ToListAsync());

        var after = (await app.ReadAsync(s => s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-11", ["MED006"], "test"), null, default))).Ok();

        Assert.Contains("MED006", kept);
        Assert.Equal(1, after.ByRule["MED006"]); // and after the event, over the month
    }
}
