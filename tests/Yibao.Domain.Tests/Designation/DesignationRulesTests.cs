using Yibao.Domain.Designation;

namespace Yibao.Domain.Tests.Designation;

public sealed class DesignationRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 22);

    private static InternetPlusAgreement Agreement(DateOnly? to = null, string[]? diseases = null, OnlineService[]? services = null) =>
        new("I1", new DateOnly(2026, 1, 1), to, (services ?? [OnlineService.FollowUp]).ToHashSet(), (diseases ?? []).ToHashSet());

    private static string? Check(AgreementStatus own = AgreementStatus.Active, AgreementStatus physical = AgreementStatus.Active, InternetPlusAgreement? agreement = null, bool noAgreement = false) =>
        DesignationRules.CheckInternetHospital("I1", own, "P1", physical, noAgreement ? null : agreement ?? Agreement(), Day)?.Code;

    private static string? Scope(InternetPlusAgreement? agreement = null, string? disease = null, OnlineService service = OnlineService.FollowUp) =>
        DesignationRules.CheckScope(agreement ?? Agreement(), service, disease)?.Code;

    [Theory]
    [InlineData(AgreementStatus.Active, null, AgreementStatus.Active)]
    [InlineData(AgreementStatus.Active, AgreementStatus.Active, AgreementStatus.Active)]
    [InlineData(AgreementStatus.Active, AgreementStatus.Suspended, AgreementStatus.Suspended)]
    [InlineData(AgreementStatus.Active, AgreementStatus.Ended, AgreementStatus.Ended)]
    [InlineData(AgreementStatus.Ended, AgreementStatus.Suspended, AgreementStatus.Ended)]
    [InlineData(AgreementStatus.Suspended, null, AgreementStatus.Suspended)]
    public void EffectiveStatus_OwnAndReliedOn_OwnUnlessActiveThenThePhysicalOnes(AgreementStatus own, AgreementStatus? reliedOn, AgreementStatus expected) =>
        Assert.Equal(expected, DesignationRules.EffectiveStatus(own, reliedOn));

    [Fact]
    public void CheckInternetHospital_AllInOrder_IsAllowed()
    {
        Assert.Null(Check());
        Assert.Null(Scope(disease: "I10.x00"));
    }

    [Theory]
    [InlineData(AgreementStatus.Suspended)]
    [InlineData(AgreementStatus.Ended)]
    public void CheckInternetHospital_PhysicalInstitutionNotActive_SuspendsIt(AgreementStatus status) =>
        Assert.Equal("institution_suspended", Check(physical: status));

    [Fact]
    public void CheckInternetHospital_OwnAgreementSuspended_IsSuspended() => Assert.Equal("institution_suspended", Check(own: AgreementStatus.Suspended));

    [Fact]
    public void CheckInternetHospital_NoAgreementOrExpired_IsNotDesignated()
    {
        Assert.Equal("not_designated", Check(noAgreement: true));
        Assert.Equal("not_designated", Check(agreement: Agreement(to: Day.AddDays(-1))));
        Assert.Null(Check(agreement: Agreement(to: Day)));
    }

    [Fact]
    public void CheckScope_ServiceOrDiseaseOutsideTheAgreement_IsRefused()
    {
        Assert.Equal("service_not_in_scope", Scope(service: OnlineService.HomeNursing));
        Assert.Equal("disease_not_in_scope", Scope(agreement: Agreement(diseases: ["E11"]), disease: "I10"));
        Assert.Null(Scope(agreement: Agreement(diseases: ["E11", "I10"]), disease: "i10.001"));
        Assert.Null(Scope(agreement: Agreement(diseases: ["E11"]))); // no diagnosis yet: checked again when known
    }

    [Theory]
    [InlineData("I10", "I10")]
    [InlineData("I10.x00", "I10")]
    [InlineData(" e11.9 ", "E11")]
    [InlineData("Z9", "Z9")]
    public void IcdCategory_Codes_AreLetterAndTwoDigits(string code, string category) =>
        Assert.Equal(category, InternetPlusAgreement.IcdCategory(code));

    [Fact]
    public void CheckInstitution_OnlyActiveSettles()
    {
        Assert.Null(DesignationRules.CheckInstitution("P1", AgreementStatus.Active));
        Assert.Equal("institution_suspended", DesignationRules.CheckInstitution("P1", AgreementStatus.Suspended)?.Code);
    }
}
