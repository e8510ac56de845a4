using Yibao.Application.Persons;
using Yibao.Domain.Codes;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Persons;

/// <summary>The person use cases on a real database of each provider.</summary>
public sealed class PersonTests
{
    private static readonly PersonReader Reader = PersonReader.Institution(Hospital, "native");

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task FindPerson_ByPsnNo_WithTheYearsLedgerAndAnAccessRecord(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await app.SettleAsync(await app.OpenVisitAsync());

        var (person, ledger) = (await app.ReadAsync(s => s.Use<FindPersonHandler>().HandleAsync(new FindPerson(ZhangWei, Reader), default))).Ok();
        var lastYear = (await app.ReadAsync(s => s.Use<FindPersonHandler>().HandleAsync(new FindPerson(ZhangWei, PersonReader.Staff("demo.audit", "console"), Year: 2025), default))).Ok();

        Assert.Equal(ZhangWei, person.PsnNo);
        Assert.True(ledger.Balance < 800m);
        Assert.True(ledger.Accumulators[BenefitKind.Outpatient].DeductiblePaid > 0m);
        Assert.Equal(Domain.Persons.Accumulator.Zero, lastYear.Ledger.Accumulators[BenefitKind.Outpatient]);
        Assert.Equal("person_not_found", (await app.ReadAsync(s => s.Use<FindPersonHandler>().HandleAsync(new FindPerson("NOPE", Reader), default))).Refusal());
        Assert.Equal("insured_area_mismatch", (await app.ReadAsync(s => s.Use<FindPersonHandler>().HandleAsync(new FindPerson(ZhangWei, Reader, InsuplcAdmdvs: "110100"), default))).Refusal());
        var records = (await app.ReadAsync(s => s.Use<ListPersonAccessHandler>().HandleAsync(new ListPersonAccess(ZhangWei, null, null, null, null), default))).Ok();
        Assert.Equal(["staff demo.audit console", "institution " + Hospital + " native"], records.Select(r => $"{r.ActorKind} {r.Actor} {r.Door}"));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListPersonAccess_ByReader_PagesNewestFirst(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        foreach (var psnNo in new[] { ZhangWei, "3301000000000002", "3301000000000003" })
        {
            (await app.ReadAsync(s => s.Use<FindPersonHandler>().HandleAsync(new FindPerson(psnNo, Reader), default))).Ok();
        }

        Task<Domain.Result<IReadOnlyList<PersonAccessRecord>>> List(ListPersonAccess query) => app.ReadAsync(s => s.Use<ListPersonAccessHandler>().HandleAsync(query, default));
        var first = (await List(new ListPersonAccess(null, Hospital, null, null, null, Limit: 2))).Ok();
        var second = (await List(new ListPersonAccess(null, Hospital, null, null, first[^1].Id, Limit: 2))).Ok();

        Assert.Equal(["3301000000000003", "3301000000000002"], first.Select(r => r.PsnNo));
        Assert.Equal([ZhangWei], second.Select(r => r.PsnNo));
        Assert.Empty((await List(new ListPersonAccess(null, Community, null, null, null))).Ok());
        Assert.Equal("invalid_access_query", (await List(new ListPersonAccess(null, null, null, null, null))).Refusal());
        Assert.Equal("invalid_access_query", (await List(new ListPersonAccess(ZhangWei, null, null, null, null, Limit: 0))).Refusal());
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
        Assert.Equal(ZhangWei, (await Identify(new IdentifyPerson("03", "330106196803140013", "SSC" + ZhangWei, Hospital))).Ok().PsnNo);
        Assert.Equal("card_invalid", (await Identify(new IdentifyPerson("03", "330106196803140013", "CARD1", Hospital))).Refusal());
        Assert.Equal("card_invalid", (await Identify(new IdentifyPerson("03", "000000000000000000", "SSC" + ZhangWei, Hospital))).Refusal());
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
        Assert.Equal(ZhangWei, (await Identify(new IdentifyPerson("03", "330106196803140013", "SSC" + ZhangWei, Hospital, PsnNo: ZhangWei))).Ok().PsnNo);
        Assert.Equal("card_invalid", (await Identify(new IdentifyPerson("03", "330106196803140013", "SSC" + WangFang, Hospital, PsnNo: ZhangWei))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task IdentifyPerson_ALookup_NeedsAProofThatThePersonIsPresent(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var token = await app.FaceCheckedTokenAsync(ZhangWei, Hospital);
        Task<Domain.Result<Storage.Entities.PersonRow>> Identify(IdentifyPerson command) => app.ReadAsync(s => s.Use<IdentifyPersonHandler>().HandleAsync(command, default));

        Assert.Equal(ZhangWei, (await Identify(new IdentifyPerson("01", token, null, Hospital, Lookup: true))).Ok().PsnNo);
        Assert.Equal(ZhangWei, (await Identify(new IdentifyPerson("03", "330106196803140013", "SSC" + ZhangWei, Hospital, Lookup: true))).Ok().PsnNo);
        Assert.Equal("presence_proof_required", (await Identify(new IdentifyPerson("02", "330106196803140013", null, Hospital, Lookup: true))).Refusal());
        Assert.Equal("presence_proof_required", (await Identify(new IdentifyPerson("02", "000000000000000000", null, Hospital, Lookup: true))).Refusal());
        Assert.Equal("card_invalid", (await Identify(new IdentifyPerson("03", "330106196803140013", "SSC" + WangFang, Hospital, Lookup: true))).Refusal());
    }
}
