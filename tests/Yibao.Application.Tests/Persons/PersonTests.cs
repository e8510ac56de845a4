using Yibao.Application.Persons;
using Yibao.Domain.Codes;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Persons;

/// <summary>The person use cases on a real database of each provider.</summary>
public sealed class PersonTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task FindPerson_ByPsnNoOrCertno_WithTheYearsLedger(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await app.SettleAsync(await app.OpenVisitAsync());

        var (person, ledger) = (await app.ReadAsync(s => s.Use<FindPersonHandler>().HandleAsync(new FindPerson(null, "330106196803140013"), default))).Ok();
        var lastYear = (await app.ReadAsync(s => s.Use<FindPersonHandler>().HandleAsync(new FindPerson(ZhangWei, null, Year: 2025), default))).Ok();

        Assert.Equal(ZhangWei, person.PsnNo);
        Assert.True(ledger.Balance < 800m);
        Assert.True(ledger.Accumulators[BenefitKind.Outpatient].DeductiblePaid > 0m);
        Assert.Equal(Domain.Persons.Accumulator.Zero, lastYear.Ledger.Accumulators[BenefitKind.Outpatient]);
        Assert.Equal("person_not_found", (await app.ReadAsync(s => s.Use<FindPersonHandler>().HandleAsync(new FindPerson("NOPE", null), default))).Refusal());
        Assert.Equal("insured_area_mismatch", (await app.ReadAsync(s => s.Use<FindPersonHandler>().HandleAsync(new FindPerson(ZhangWei, null, InsuplcAdmdvs: "110100"), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetPerson_InTheNamedArea_OrRefused(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var person = (await app.ReadAsync(s => s.Use<GetPersonHandler>().HandleAsync(new GetPerson(ZhangWei, "330100"), default))).Ok();

        Assert.Equal("I10", Assert.Single(person.Chronic).Disease);
        Assert.Equal("insured_area_mismatch", (await app.ReadAsync(s => s.Use<GetPersonHandler>().HandleAsync(new GetPerson(ZhangWei, "110100"), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task IdentifyPerson_EachCertificateType_NamesThePersonAtThatInstitutionOnly(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var token = await app.FaceCheckedTokenAsync(ZhangWei, Hospital);
        Task<Domain.Result<Storage.Entities.PersonRow>> Identify(IdentifyPerson command) => app.ReadAsync(s => s.Use<IdentifyPersonHandler>().HandleAsync(command, default));

        Assert.Equal(ZhangWei, (await Identify(new IdentifyPerson("01", token, null, Hospital))).Ok().PsnNo);
        Assert.Equal(ZhangWei, (await Identify(new IdentifyPerson("02", "330106196803140013", null, Hospital))).Ok().PsnNo);
        Assert.Equal(ZhangWei, (await Identify(new IdentifyPerson("03", "330106196803140013", "CARD1", Hospital))).Ok().PsnNo);
        Assert.Equal("ectoken_invalid", (await Identify(new IdentifyPerson("01", token, null, Community))).Refusal());
        Assert.Equal("cert_type_unknown", (await Identify(new IdentifyPerson("03", "330106196803140013", null, Hospital))).Refusal());
        Assert.Equal("cert_type_unknown", (await Identify(new IdentifyPerson("09", "x", null, Hospital))).Refusal());
        Assert.Equal("person_not_found", (await Identify(new IdentifyPerson("02", "000000000000000000", null, Hospital))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task IdentifyPerson_ANamedPerson_MustBeTheOneTheCertificateIdentifies(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var token = await app.FaceCheckedTokenAsync(ZhangWei, Hospital);
        Task<Domain.Result<Storage.Entities.PersonRow>> Identify(IdentifyPerson command) => app.ReadAsync(s => s.Use<IdentifyPersonHandler>().HandleAsync(command, default));

        Assert.Equal(ZhangWei, (await Identify(new IdentifyPerson("02", "330106196803140013", null, Hospital, PsnNo: ZhangWei))).Ok().PsnNo);
        Assert.Equal(ZhangWei, (await Identify(new IdentifyPerson("01", token, null, Hospital, PsnNo: ZhangWei))).Ok().PsnNo);
        Assert.Equal("cert_person_mismatch", (await Identify(new IdentifyPerson("02", "330106196803140013", null, Hospital, PsnNo: WangFang))).Refusal());
        Assert.Equal("cert_person_mismatch", (await Identify(new IdentifyPerson("01", token, null, Hospital, PsnNo: WangFang))).Refusal());
        Assert.Equal("ectoken_invalid", (await Identify(new IdentifyPerson("01", token, null, Community, PsnNo: ZhangWei))).Refusal());
        Assert.Equal("insured_area_mismatch", (await Identify(new IdentifyPerson("02", "330106196803140013", null, Hospital, "110100", ZhangWei))).Refusal());
        Assert.Equal("person_not_found", (await Identify(new IdentifyPerson("02", "330106196803140013", null, Hospital, PsnNo: "NOPE"))).Refusal());
    }
}
