using Yibao.Application.Supervision;
using Yibao.Testing;

namespace Yibao.Application.Tests.Supervision;

/// <summary>What the rules page shows: an area's knowledge in force and each rule as it runs there; the runs of the after-event batch.</summary>
public sealed class SupervisionKnowledgeTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetSupervisionKnowledge_ALoadedVersion_ShowsItsSettingsInForceAndTheRulesSwitchedOff(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var before = (await app.ReadAsync(s => s.Use<GetSupervisionKnowledgeHandler>().HandleAsync(new GetSupervisionKnowledge("330100"), default))).Ok();
        (await app.CommitAsync(s => s.Use<LoadSupervisionKnowledgeHandler>().HandleAsync(new LoadSupervisionKnowledge(
            "330100", """{"restrictions": [{"code": "X", "gender": "2"}], "ruleSettings": {"MGT005": {"windowDays": "30"}}, "disabledRules": ["POL002"]}""", "staff:policy"), default))).Ok();

        var after = (await app.ReadAsync(s => s.Use<GetSupervisionKnowledgeHandler>().HandleAsync(new GetSupervisionKnowledge("330100"), default))).Ok();

        Assert.Null(before.Document);
        Assert.All(before.Rules, r => Assert.True(r.Enabled));
        Assert.Equal((1, "staff:policy"), (after.Versions[0].Version, after.Versions[0].LoadedBy));
        Assert.Equal(1, after.Holds["restrictions"]);
        Assert.Equal("30", after.Rules.Single(r => r.Rule.Id == "MGT005").Parameters["windowDays"]);
        Assert.False(after.Rules.Single(r => r.Rule.Id == "POL002").Enabled);
        Assert.Contains("330100", after.Areas);
        Assert.Equal("unknown_area", (await app.ReadAsync(s => s.Use<GetSupervisionKnowledgeHandler>().HandleAsync(new GetSupervisionKnowledge("999999"), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListSupervisionRuns_TwoRuns_NewestFirstWithWhatEachRaised(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        (await app.ReadAsync(s => s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-10", [], "cli"), null, default))).Ok();
        (await app.ReadAsync(s => s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-11", ["POL001"], "staff:audit"), null, default))).Ok();

        var runs = (await app.ReadAsync(s => s.Use<ListSupervisionRunsHandler>().HandleAsync(new ListSupervisionRuns(), default))).Ok();

        Assert.Equal([("2026-11", "POL001", "staff:audit"), ("2026-10", "", "cli")], runs.Select(r => (r.Period, r.Rules, r.Actor)));
        Assert.All(runs, r => Assert.NotNull(r.FinishedAt));
    }
}
