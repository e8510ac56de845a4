using Yibao.Domain.Supervision;
using static Yibao.Domain.Tests.Supervision.SupervisionFixture;

namespace Yibao.Domain.Tests.Supervision;

public sealed class PolicyRuleTests
{
    [Fact]
    public void SexRestriction_AnItemForWomenBilledForAMan_FiresWithTheLineAsEvidence()
    {
        var knowledge = Knows(new ItemRestriction("G1", Gender: "2"));

        var findings = Run("POL001", Claim(Line("1", "G1", 30m), Line("2", "X")), knowledge);

        var finding = Assert.Single(findings);
        Assert.Equal(("POL001", 30m, "MD1"), (finding.RuleId, finding.Amount, finding.MdtrtId));
        Assert.Equal(["1"], finding.EvidenceLines);
        Assert.Contains("gender 2", finding.Content, StringComparison.Ordinal);
        Assert.Empty(Run("POL001", Claim(Line("1", "G1")) with { Gender = "2" }, knowledge));
    }

    [Theory]
    [InlineData(null, 14, true)]
    [InlineData(60, null, true)]
    [InlineData(18, 60, false)]
    [InlineData(56, 56, false)]
    public void AgeRestriction_ThePatientsAgeAgainstTheRange_FiresOutsideIt(int? min, int? max, bool fires) =>
        Assert.Equal(fires, Run("POL002", Claim(Line("1", "A1")), Knows(new ItemRestriction("A1", MinAge: min, MaxAge: max))).Count == 1);

    [Fact]
    public void IndicationRestriction_NoDiagnosisAmongTheIndications_Fires()
    {
        var knowledge = Knows(new ItemRestriction("INS", Indications: ["E10", "E11"]));

        Assert.Single(Run("POL003", Claim(Line("1", "INS")), knowledge));
        Assert.Empty(Run("POL003", Claim(Line("1", "INS")) with { Diagnoses = ["E11.9"] }, knowledge));
        Assert.Empty(Run("POL003", Claim(Line("1", "INS")) with { ChronicDiseases = ["E11"] }, knowledge));
    }

    [Fact]
    public void LevelRestriction_BelowTheLevel_Fires()
    {
        var knowledge = Knows(new ItemRestriction("MRI", MinLevel: 2));

        Assert.Single(Run("POL004", Claim(Line("1", "MRI")) with { Level = 1 }, knowledge));
        Assert.Empty(Run("POL004", Claim(Line("1", "MRI")) with { Level = 2 }, knowledge));
    }

    [Fact]
    public void InsutypeRestriction_AnotherInsuranceType_Fires()
    {
        var knowledge = Knows(new ItemRestriction("E1", Insutypes: ["310"]));

        Assert.Single(Run("POL005", Claim(Line("1", "E1")) with { Insutype = "390" }, knowledge));
        Assert.Empty(Run("POL005", Claim(Line("1", "E1")), knowledge));
    }

    [Fact]
    public void CourseRestriction_DaysWithTheHistoryBeyondTheCourse_Fires()
    {
        var knowledge = Knows(new ItemRestriction("C1", MaxCourseDays: 30));
        var earlier = Claim(Line("9", "C1", days: 20, date: Day.AddDays(-20))) with { MdtrtId = "MD0", Date = Day.AddDays(-20) };
        var longAgo = earlier with { Date = Day.AddDays(-400), Lines = [Line("9", "C1", days: 20, date: Day.AddDays(-400))] };

        var finding = Assert.Single(Run("POL006", Claim(Line("1", "C1", days: 14)), knowledge, History(earlier)));
        Assert.Contains("34 days", finding.Content, StringComparison.Ordinal);
        Assert.Equal("365", finding.Parameters["windowDays"]);
        Assert.Empty(Run("POL006", Claim(Line("1", "C1", days: 14)), knowledge, History(longAgo)));
    }

    [Fact]
    public void OnlineScope_AnItemNotPayableOnlineInOnlineCare_Fires()
    {
        var knowledge = Knows(new ItemRestriction("OFF", PayableOnline: false));
        var online = Claim(Line("1", "OFF"), Line("2", "OK")) with { Online = true, Scene = Scene.Internet };

        Assert.Equal(["1"], Assert.Single(Run("POL007", online, knowledge)).EvidenceLines);
        Assert.Empty(Run("POL007", online with { Online = false }, knowledge));
    }

    [Fact]
    public void OnlineFirstVisit_OnlineAndFirst_FiresOnTheWholeClaim()
    {
        var claim = Claim(Line("1", "X", 25m), Line("2", "Y", 5m)) with { Online = true, FirstVisit = true, Scene = Scene.Internet };

        Assert.Equal(30m, Assert.Single(Run("POL008", claim)).Amount);
        Assert.Empty(Run("POL008", claim with { FirstVisit = false }));
    }

    [Fact]
    public void OnlineWithoutDiagnosis_NoEarlierOfflineDiagnosisNorRegistration_Fires()
    {
        var online = Claim(Line("1", "X")) with { Online = true, Scene = Scene.Internet };
        var offline = Claim(Line("9", "X")) with { MdtrtId = "MD0", Date = Day.AddMonths(-2), Diagnoses = ["I10.9"] };
        var tooOld = offline with { Date = Day.AddMonths(-7) };

        Assert.Single(Run("POL009", online));
        Assert.Single(Run("POL009", online, history: History(tooOld)));
        Assert.Empty(Run("POL009", online, history: History(offline)));
        Assert.Empty(Run("POL009", online with { ChronicDiseases = ["I10"] }));
    }
}
