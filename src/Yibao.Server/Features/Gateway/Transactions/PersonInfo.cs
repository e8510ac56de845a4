using Yibao.Application.Persons;
using Yibao.Domain.Codes;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>1101: who is this person, by e-certificate token (01), ID number (02) or social security card (03).</summary>
internal static class PersonInfo
{
    public static async Task<object?> QueryAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var identified = await IdentifyAsync(call, data, ct, lookup: true);
        var (person, ledger) = GatewayCall.Expect(await call.Use<FindPersonHandler>().HandleAsync(new FindPerson(identified.PsnNo, Reader(call)), ct));
        var on = data.OptionalTime("begntime", call.Calendar.Now.Offset) is { } begin ? call.Calendar.DateOf(begin) : call.Calendar.Today;
        return new
        {
            baseinfo = new BaseInfo(
                person.PsnNo, "01", person.Certno, person.Name, person.Gender, person.Naty ?? "", GatewayFormats.Date(person.Birthday), GatewayFormats.Age(person.Birthday, on),
                new PersonExpContent(person.Filings.OrderBy(f => f.From).Select(f => new FilingInfo(f.Type, f.ToArea, GatewayFormats.Date(f.From), f.To is { } to ? GatewayFormats.Date(to) : null)).ToList())),
            insuinfo = new[]
            {
                new InsuInfo(Insutype.HasPersonalAccount(person.Insutype) ? ledger.Balance : 0m, person.Insutype, GatewayFormats.PsnType(person.Insutype, person.Retired), "1", null, null, "0", person.Area, ""),
            },
            idetinfo = person.Chronic.OrderBy(c => c.From).Select(c => new IdetInfo(c.Disease, c.Name, GatewayFormats.Date(c.From))).ToArray(),
        };
    }

    /// <summary>The person the message's certificate (<c>mdtrt_cert_type</c>, <c>mdtrt_cert_no</c>, <c>card_sn</c>) names at the calling institution.</summary>
    /// <param name="lookup">1101: the certificate must show that the person is present (not an ID number alone).</param>
    public static async Task<PersonRow> IdentifyAsync(GatewayCall call, GatewayInput data, CancellationToken ct, bool lookup = false) =>
        GatewayCall.Expect(await call.Use<IdentifyPersonHandler>().HandleAsync(
            new IdentifyPerson(data.Text("mdtrt_cert_type", 3), data.Text("mdtrt_cert_no", 50), data.OptionalText("card_sn", 50), call.Institution.FixmedinsCode, call.Request.InsuplcAdmdvs, Lookup: lookup), ct));

    /// <summary>The calling institution, as the access record of a person read through the gateway names it.</summary>
    public static PersonReader Reader(GatewayCall call) => PersonReader.Institution(call.Institution.FixmedinsCode, "gateway");

    /// <summary>The person a message names by <c>psn_no</c>, in the insured area the envelope names.</summary>
    public static async Task<PersonRow> NamedAsync(GatewayCall call, string psnNo, CancellationToken ct) =>
        GatewayCall.Expect(await call.Use<GetPersonHandler>().HandleAsync(new GetPerson(psnNo, call.Request.InsuplcAdmdvs), ct));

    /// <summary>The person <c>psn_no</c> names, whom the message's certificate must identify, insured under the named type.</summary>
    public static async Task<PersonRow> IdentifiedAsync(GatewayCall call, GatewayInput data, CancellationToken ct)
    {
        var psnNo = data.Text("psn_no", 30);
        var person = GatewayCall.Expect(await call.Use<IdentifyPersonHandler>().HandleAsync(
            new IdentifyPerson(data.Text("mdtrt_cert_type", 3), data.Text("mdtrt_cert_no", 50), data.OptionalText("card_sn", 50), call.Institution.FixmedinsCode, call.Request.InsuplcAdmdvs, psnNo), ct));
        return data.Text("insutype", 6) == person.Insutype
            ? person
            : throw new GatewayRefusal($"[insutype_mismatch] Person {person.PsnNo} is insured under {person.Insutype}.");
    }
}

/// <param name="Naty">GB 3304 ethnicity; empty when not on file.</param>
internal sealed record BaseInfo(string PsnNo, string PsnCertType, string Certno, string PsnName, string Gend, string Naty, string Brdy, int Age, PersonExpContent ExpContent);

/// <summary>1101's <c>baseinfo.exp_content</c>: the person's cross-region filings (异地就医备案), which decide how a visit elsewhere settles.</summary>
internal sealed record PersonExpContent(IReadOnlyList<FilingInfo> Filings);

/// <param name="Type">longTerm or temporaryFiled.</param>
internal sealed record FilingInfo(string Type, string ToArea, string Begndate, string? Enddate);

internal sealed record InsuInfo(decimal Balc, string Insutype, string PsnType, string PsnInsuStas, string? PsnInsuDate, string? PausInsuDate, string CvlservFlag, string InsuplcAdmdvs, string EmpName);

internal sealed record IdetInfo(string PsnIdetType, string Memo, string Begntime);
