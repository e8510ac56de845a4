using Yibao.Domain.Supervision;
using static Yibao.Domain.Tests.Supervision.SupervisionFixture;

namespace Yibao.Domain.Tests.Supervision;

public sealed class ManagementRuleTests
{
    [Fact]
    public void OverPrice_AboveTheGoverningPrice_PutsTheExcessAtStake()
    {
        var knowledge = new KnowledgeBase { GoverningPrices = new Dictionary<string, decimal> { ["S1"] = 25m } };

        Assert.Equal(10m, Assert.Single(Run("MGT001", Claim(Line("1", "S1", 30m, 2m)), knowledge)).Amount);
        Assert.Empty(Run("MGT001", Claim(Line("1", "S1", 25m, 2m)), knowledge));
    }

    private static readonly KnowledgeBase Package = new() { Includes = new Dictionary<string, IReadOnlyList<string>> { ["PKG"] = ["P1", "P2", "P3"] } };

    [Fact]
    public void IncludedItem_APartBilledWithItsPackageTheSameDay_Fires()
    {
        var finding = Assert.Single(Run("MGT002", Claim(Line("1", "PKG", 100m), Line("2", "P1", 20m)), Package));

        Assert.Equal(20m, finding.Amount);
        Assert.Equal(["1", "2"], finding.EvidenceLines);
        Assert.Empty(Run("MGT002", Claim(Line("1", "PKG", 100m), Line("2", "P1", 20m, date: Day.AddDays(1))), Package));
    }

    [Fact]
    public void SplitCharge_PartsOfAPackageWithoutIt_Fires()
    {
        Assert.Equal(50m, Assert.Single(Run("MGT003", Claim(Line("1", "P1", 20m), Line("2", "P2", 30m)), Package)).Amount);
        Assert.Empty(Run("MGT003", Claim(Line("1", "P1", 20m)), Package));
        Assert.Empty(Run("MGT003", Claim(Line("1", "PKG"), Line("2", "P1"), Line("3", "P2")), Package));
    }

    [Fact]
    public void SwitchedItem_AnItemTheInstitutionDidNotDeclare_Fires()
    {
        var knowledge = new KnowledgeBase { InstitutionServices = new Dictionary<string, IReadOnlySet<string>> { ["H1"] = new HashSet<string> { "X" } } };

        Assert.Equal(["2"], Assert.Single(Run("MGT004", Claim(Line("1", "X"), Line("2", "MRI")), knowledge)).EvidenceLines);
        Assert.Empty(Run("MGT004", Claim(Line("1", "X"), Line("2", "MRI")) with { FixmedinsCode = "H2" }, knowledge));
    }

    [Fact]
    public void SplitAdmission_ReadmissionForTheSameDiagnosisWithinTheWindow_Fires()
    {
        var stay = Claim(Line("1", "BED", 60m, 5m)) with { Scene = Scene.Inpatient, Admitted = Day, Discharged = Day.AddDays(5), Diagnoses = ["K35"] };
        var earlier = stay with { MdtrtId = "MD0", Admitted = Day.AddDays(-20), Discharged = Day.AddDays(-10) };

        Assert.Contains("MD0", Assert.Single(Run("MGT005", stay, history: History(earlier))).Content, StringComparison.Ordinal);
        Assert.Empty(Run("MGT005", stay, history: History(earlier with { Discharged = Day.AddDays(-16) })));
        Assert.Empty(Run("MGT005", stay, history: History(earlier with { Diagnoses = ["J18"] })));
    }

    [Fact]
    public void BedDays_MoreThanTheStay_PutsTheExtraDaysAtStake()
    {
        var knowledge = new KnowledgeBase { BedDayItems = new HashSet<string> { "BED" } };
        var stay = Claim(Line("1", "BED", 60m, 7m)) with { Scene = Scene.Inpatient, Admitted = Day, Discharged = Day.AddDays(5) };

        Assert.Equal(120m, Assert.Single(Run("MGT006", stay, knowledge)).Amount);
        Assert.Empty(Run("MGT006", stay with { Lines = [Line("1", "BED", 60m, 5m)] }, knowledge));
    }

    [Theory]
    [InlineData(InsuredStatus.Suspended, true)]
    [InlineData(InsuredStatus.Deceased, true)]
    [InlineData(InsuredStatus.Active, false)]
    public void InsuredStatus_NotActive_Fires(InsuredStatus status, bool fires) =>
        Assert.Equal(fires, Run("MGT007", Claim(Line("1", "X")) with { Status = status }).Count == 1);

    [Fact]
    public void IdentityMismatch_AnotherPersonsCertificate_FiresAndBlocks()
    {
        var finding = Assert.Single(Run("MGT008", Claim(Line("1", "X")) with { ProvedPsnNo = "P2" }));

        Assert.True(finding.Blocking);
        Assert.Empty(Run("MGT008", Claim(Line("1", "X")) with { ProvedPsnNo = "P1" }));
        Assert.Empty(Run("MGT008", Claim(Line("1", "X"))));
    }
}
