using Microsoft.EntityFrameworkCore;
using Yibao.Application.Designation;
using Yibao.Domain.Designation;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Designation;

/// <summary>The designation use cases on a real database of each provider.</summary>
public sealed class DesignationTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SignInternetAgreement_AnInternetHospital_EndsTheCurrentAgreement(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        Task<Domain.Result<InternetPlusAgreement>> Sign(string code, OnlineService[] services) => app.CommitAsync(s => s.Use<SignInternetAgreementHandler>().HandleAsync(
            new SignInternetAgreement(code, new DateOnly(2026, 6, 1), null, services, ["I10.x00"], "test"), default));

        var signed = (await Sign(InternetHospital, [OnlineService.FollowUp])).Ok();

        Assert.Equal(["I10"], signed.Diseases);
        Assert.Equal(1, await app.ReadAsync(s => s.Db.InternetAgreements.CountAsync(a => a.InternetHospital == InternetHospital && a.EndedAt == null)));
        Assert.Equal("not_an_internet_hospital", (await Sign(Hospital, [OnlineService.FollowUp])).Refusal());
        Assert.Equal("invalid_agreement", (await Sign(InternetHospital, [])).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SetAgreementStatus_SuspendAndEnd_ApplyAtOnceAndEndIsFinal(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        Task<Domain.Result<AgreementStatus>> Set(string code, AgreementStatus status) => app.CommitAsync(s => s.Use<SetAgreementStatusHandler>().HandleAsync(new SetAgreementStatus(code, status, "test", "test"), default));

        Assert.Equal(AgreementStatus.Suspended, (await Set(Hospital, AgreementStatus.Suspended)).Ok());
        Assert.Equal("institution_suspended", (await app.CommitAsync(s => s.Use<Application.Visits.RegisterVisitHandler>().HandleAsync(new Application.Visits.RegisterVisit(ZhangWei, null, InternetHospital, "11"), default))).Refusal());
        Assert.Equal(AgreementStatus.Ended, (await Set(Community, AgreementStatus.Ended)).Ok());
        Assert.Equal("agreement_ended", (await Set(Community, AgreementStatus.Active)).Refusal());
        Assert.Equal("institution_not_found", (await Set("NOPE", AgreementStatus.Active)).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetDesignation_AnInternetHospital_WithItsAgreement(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var (institution, agreement, _, _) = (await app.ReadAsync(s => s.Use<GetDesignationHandler>().HandleAsync(new GetDesignation(InternetHospital), default))).Ok();

        Assert.Equal(Hospital, institution.ReliesOn);
        Assert.Equal(3, agreement!.Services.Count);
        Assert.Null((await app.ReadAsync(s => s.Use<GetDesignationHandler>().HandleAsync(new GetDesignation(Hospital), default))).Ok().Agreement);
        Assert.Equal("institution_not_found", (await app.ReadAsync(s => s.Use<GetDesignationHandler>().HandleAsync(new GetDesignation("NOPE"), default))).Refusal());
    }
}
