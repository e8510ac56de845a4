using Yibao.Domain.Supervision;
using Yibao.Domain.Supervision.Rules;
using static Yibao.Domain.Tests.Supervision.SupervisionFixture;

namespace Yibao.Domain.Tests.Supervision;

public sealed class MedicalRuleTests
{
    [Fact]
    public void OverQuantity_BeyondDaysTimesTheDailyLimit_PutsTheExcessAtStake()
    {
        var knowledge = new KnowledgeBase { DailyDoseLimits = new Dictionary<string, decimal> { ["AML"] = 1m } };

        Assert.Equal(20m, Assert.Single(Run("MED001", Claim(Line("1", "AML", 2m, 38m, days: 28)), knowledge)).Amount);
        Assert.Empty(Run("MED001", Claim(Line("1", "AML", 2m, 28m, days: 28)), knowledge));
    }

    [Fact]
    public void OverFrequency_MoreInThePeriodWithTheHistory_Fires()
    {
        var knowledge = new KnowledgeBase { FrequencyLimits = new Dictionary<string, FrequencyLimit> { ["CT"] = new("CT", 2, 30) } };
        var earlier = Claim(Line("9", "CT", 200m, 2m, date: Day.AddDays(-10))) with { MdtrtId = "MD0" };
        var outside = Claim(Line("9", "CT", 200m, 2m, date: Day.AddDays(-30))) with { MdtrtId = "MD0" };

        Assert.Equal(200m, Assert.Single(Run("MED002", Claim(Line("1", "CT", 200m)), knowledge, History(earlier))).Amount);
        Assert.Empty(Run("MED002", Claim(Line("1", "CT", 200m)), knowledge, History(outside)));
        Assert.Single(Run("MED002", Claim(Line("1", "CT", 200m, 3m)), knowledge));
    }

    [Fact]
    public void DuplicateTherapy_TwoOfOneGroupInAClaimOrInCourse_Fires()
    {
        var knowledge = new KnowledgeBase { TherapyGroups = new Dictionary<string, string> { ["AML"] = "CCB", ["NIF"] = "CCB", ["MET"] = "BIG" } };
        var inCourse = Claim(Line("9", "NIF", date: Day.AddDays(-10), days: 28)) with { MdtrtId = "MD0" };
        var finished = Claim(Line("9", "NIF", date: Day.AddDays(-10), days: 7)) with { MdtrtId = "MD0" };

        Assert.Equal(["1", "2"], Assert.Single(Run("MED003", Claim(Line("1", "AML"), Line("2", "NIF")), knowledge)).EvidenceLines);
        Assert.Single(Run("MED003", Claim(Line("1", "AML")), knowledge, History(inCourse)));
        Assert.Empty(Run("MED003", Claim(Line("1", "AML")), knowledge, History(finished)));
        Assert.Empty(Run("MED003", Claim(Line("1", "AML"), Line("2", "MET")), knowledge));
    }

    [Fact]
    public void DuplicateTherapy_LinesThatNameTheirClaim_NamesItsEvidenceClaimSlashLine()
    {
        var knowledge = new KnowledgeBase { TherapyGroups = new Dictionary<string, string> { ["AML"] = "CCB", ["NIF"] = "CCB" } };

        Assert.Equal(["MD1/1", "MD1/2"], Assert.Single(Run("MED003", Claim(Line("1", "AML") with { Claim = "MD1" }, Line("2", "NIF") with { Claim = "MD1" }), knowledge)).EvidenceLines);
    }

    [Fact]
    public void Contraindication_BothOfAPair_FiresAndBlocks()
    {
        var knowledge = new KnowledgeBase { Contraindications = [("WAR", "ASP")] };

        Assert.True(Assert.Single(Run("MED004", Claim(Line("1", "ASP"), Line("2", "WAR")), knowledge)).Blocking);
        Assert.Empty(Run("MED004", Claim(Line("1", "ASP")), knowledge));
    }

    [Fact]
    public void PrescriptionReused_ARxnoAnEarlierClaimDispensed_Fires()
    {
        var earlier = Claim(Line("9", "AML", rxno: "RX1")) with { MdtrtId = "MD0" };

        Assert.Contains("MD0", Assert.Single(Run("MED005", Claim(Line("1", "AML", rxno: "RX1")) with { Scene = Scene.Pharmacy }, history: History(earlier))).Content, StringComparison.Ordinal);
        Assert.Empty(Run("MED005", Claim(Line("1", "AML", rxno: "RX2")) with { Scene = Scene.Pharmacy }, history: History(earlier)));
    }

    private static PeerTotals Peer(string subject, int visits, int persons, decimal amount, Dictionary<string, decimal>? items = null) =>
        new(subject, "level 3", visits, persons, amount, items ?? []);

    private static readonly PeerTotals[] Peers =
    [
        Peer("doctor:D1", 100, 80, 20_000m), Peer("doctor:D2", 100, 75, 21_000m), Peer("doctor:D3", 100, 82, 19_000m),
        Peer("doctor:D4", 100, 78, 20_500m), Peer("doctor:D5", 100, 80, 19_500m), Peer("doctor:D6", 100, 79, 20_200m),
    ];

    [Fact]
    public void CostPerVisitOutlier_FarAboveThePeers_FiresOnThatSubjectOnly()
    {
        var findings = RuleSet.Default.EvaluatePeers([.. Peers, Peer("doctor:D7", 100, 80, 90_000m)], only: ["STA001"]);

        var finding = Assert.Single(findings);
        Assert.Equal(("doctor:D7", "STA001"), (finding.Subject, finding.RuleId));
        Assert.True(finding.Amount > 0m);
        Assert.Empty(RuleSet.Default.EvaluatePeers(Peers, only: ["STA001"]));
    }

    [Fact]
    public void VisitsPerPersonOutlier_FarAboveThePeers_Fires()
    {
        Assert.Equal("doctor:D7", Assert.Single(RuleSet.Default.EvaluatePeers([.. Peers, Peer("doctor:D7", 400, 40, 80_000m)], only: ["STA002"])).Subject);
        Assert.Empty(RuleSet.Default.EvaluatePeers(Peers, only: ["STA002"]));
    }

    [Fact]
    public void ItemShareOutlier_OneItemsShareFarAboveThePeers_FiresAndPeersWithoutItCountAsZero()
    {
        var normal = Peers.Select(p => p with { ItemAmounts = new Dictionary<string, decimal> { ["AML"] = p.Amount * 0.05m } }).ToArray();
        var heavy = Peer("doctor:D7", 100, 80, 20_000m, new() { ["AML"] = 15_000m, ["NEW"] = 100m });

        var finding = Assert.Single(RuleSet.Default.EvaluatePeers([.. normal, heavy], only: ["STA003"]));
        Assert.Equal(("doctor:D7", "AML"), (finding.Subject, finding.EvidenceLines.Single()));
        Assert.Empty(RuleSet.Default.EvaluatePeers(normal, only: ["STA003"]));
    }

    [Fact]
    public void PeerRules_TooFewPeers_SayNothing() =>
        Assert.Empty(RuleSet.Default.EvaluatePeers([Peer("doctor:D1", 10, 10, 100m), Peer("doctor:D2", 10, 10, 100_000m)]));
}

public sealed class PrescriptionFraudRuleTests
{
    [Fact]
    public void PrescriptionFraud_ADispensingOfAPrescriptionWithRefusals_Fires()
    {
        var claim = Claim(Line("1", "AML", 2m, 28m, rxno: "RX1"), Line("2", "X")) with { Scene = Scene.Pharmacy };
        var refused = History() with { PrescriptionFraud = [new PrescriptionFraud("RX1", "rx_not_own_patient", "P33010000001", DateTimeOffset.UnixEpoch, null)] };
        var elsewhere = History() with { PrescriptionFraud = [new PrescriptionFraud("RX2", "rx_tampered", "P1", DateTimeOffset.UnixEpoch, null)] };

        var finding = Assert.Single(Run("MED006", claim, history: refused));
        Assert.Equal((56m, "1"), (finding.Amount, finding.EvidenceLines.Single()));
        Assert.Contains("rx_not_own_patient by P33010000001", finding.Content, StringComparison.Ordinal);
        Assert.Empty(Run("MED006", claim, history: elsewhere));
    }
}
