using Yibao.Domain.Supervision;
using static Yibao.Domain.Tests.Supervision.SupervisionFixture;

namespace Yibao.Domain.Tests.Supervision;

public sealed class RuleSetTests
{
    /// <summary>Knowledge under which <see cref="FiveWays"/> breaks five rules: sex, level, price, contraindication (and the identity proved is another's).</summary>
    private static readonly KnowledgeBase FiveRules = new()
    {
        Restrictions = new Dictionary<string, ItemRestriction> { ["G1"] = new("G1", Gender: "2", MinLevel: 3) },
        GoverningPrices = new Dictionary<string, decimal> { ["G1"] = 5m },
        Contraindications = [("G1", "X")],
    };

    private static readonly SupervisedClaim FiveWays = Claim(Line("1", "G1", 10m), Line("2", "X", 4m)) with { Level = 1, ProvedPsnNo = "P9" };

    [Fact]
    public void Default_EveryRuleTypeOfTheSpec_HasItsOwnIdAndAnExplanation()
    {
        var definitions = RuleSet.Default.Definitions;

        Assert.True(definitions.Count >= 24, $"{definitions.Count} rule types");
        Assert.Equal(definitions.Count, definitions.Select(d => d.Id).Distinct().Count());
        Assert.All(definitions, d => Assert.False(string.IsNullOrWhiteSpace(d.Explanation)));
        Assert.All(Enum.GetValues<RuleFamily>(), f => Assert.Contains(definitions, d => d.Family == f));
        Assert.All(new[] { RuleStage.Before, RuleStage.During, RuleStage.After }, s => Assert.Contains(definitions, d => (d.Stages & s) != 0));
    }

    [Fact]
    public void Evaluate_TheStageAndScene_RunOnlyTheRulesThatApply()
    {
        var knowledge = new KnowledgeBase { InstitutionServices = new Dictionary<string, IReadOnlySet<string>> { ["H1"] = new HashSet<string>() } };
        var claim = Claim(Line("1", "X")) with { Online = true, FirstVisit = true };

        // The switched-item rule runs after the event only; the online first-visit rule in internet care only.
        Assert.Empty(RuleSet.Default.Evaluate(RuleStage.During, claim, ClaimHistory.None, knowledge, only: ["MGT004"]));
        Assert.Single(RuleSet.Default.Evaluate(RuleStage.After, claim, ClaimHistory.None, knowledge, only: ["MGT004"]));
        Assert.Empty(RuleSet.Default.Evaluate(RuleStage.During, claim, ClaimHistory.None, knowledge, only: ["POL008"]));
        Assert.Single(RuleSet.Default.Evaluate(RuleStage.During, claim with { Scene = Scene.Internet }, ClaimHistory.None, knowledge, only: ["POL008"]));
    }

    [Fact]
    public void Select_AStageAndIds_ChoosesTheStagesRulesAmongThoseIdsInTheRuleSetsOrder()
    {
        var after = RuleSet.Default.Select(RuleStage.After);
        var some = RuleSet.Default.Select(RuleStage.During, ["MGT004", "POL008", "MGT001", "NOPE"]);

        Assert.Equal(RuleSet.Default.ClaimRules.Where(r => (r.Definition.Stages & RuleStage.After) != 0), after);
        Assert.Contains(after, r => r.Definition.Id == "MGT004");
        Assert.DoesNotContain(RuleSet.Default.Select(RuleStage.During), r => r.Definition.Id == "MGT004"); // after the event only
        Assert.Equal(["POL008", "MGT001"], some.Select(r => r.Definition.Id));
    }

    [Fact]
    public void Evaluate_RulesChosenOnce_FindWhatTheStagesEvaluationFinds()
    {

        var chosen = RuleSet.Evaluate(RuleSet.Default.Select(RuleStage.After), FiveWays, ClaimHistory.None, FiveRules);

        Assert.Equal(RuleSet.Default.Evaluate(RuleStage.After, FiveWays, ClaimHistory.None, FiveRules).Select(f => f.Content), chosen.Select(f => f.Content));
        Assert.Equal(["POL001", "POL004", "MGT001", "MGT008", "MED004"], chosen.Select(f => f.RuleId));
        Assert.Empty(RuleSet.Evaluate(RuleSet.Default.Select(RuleStage.After), Claim(Line("1", "X")), ClaimHistory.None, KnowledgeBase.Empty));
    }

    [Fact]
    public void Evaluate_TheAgencysSettings_ReplaceAParametersDefaultAndTheFindingSaysSo()
    {
        var stay = Claim(Line("1", "BED")) with { Scene = Scene.Inpatient, Admitted = Day, Discharged = Day.AddDays(3), Diagnoses = ["K35"] };
        var earlier = stay with { MdtrtId = "MD0", Admitted = Day.AddDays(-30), Discharged = Day.AddDays(-20) };
        var settings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["MGT005"] = new Dictionary<string, string> { ["windowDays"] = "30", ["unknown"] = "1" } };

        Assert.Empty(RuleSet.Default.Evaluate(RuleStage.After, stay, History(earlier), KnowledgeBase.Empty, only: ["MGT005"]));
        var finding = Assert.Single(RuleSet.Default.Evaluate(RuleStage.After, stay, History(earlier), KnowledgeBase.Empty, settings, ["MGT005"]));
        Assert.Equal("30", finding.Parameters["windowDays"]);
        Assert.False(finding.Parameters.ContainsKey("unknown"));
        Assert.Contains("within 30 days", finding.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EveryFinding_NamesItsRuleEvidenceAndAmount()
    {
        var findings = RuleSet.Default.Evaluate(RuleStage.During, FiveWays, ClaimHistory.None, FiveRules);

        Assert.Equal(["POL001", "POL004", "MGT001", "MGT008", "MED004"], findings.Select(f => f.RuleId));
        Assert.All(findings, f => Assert.True(f.EvidenceLines.Count > 0 && f.Amount > 0 && f.Content.Length > 0));
        Assert.DoesNotContain(findings, f => f.Content.Contains('{', StringComparison.Ordinal));
    }
}
