using System.Text.Json;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Persons;

namespace Yibao.Domain.Interchange;

/// <summary>The demo-world formats of <c>fixtures/world/</c>: areas, institutions, persons.</summary>
public static class WorldJson
{
    public static Result<IReadOnlyList<Area>> ReadAreas(string json) => DocumentErrors.Read(json, root =>
        (IReadOnlyList<Area>)root.Items("$").Select(x =>
        {
            var code = x.Item.RequiredText("admdvs", x.Path);
            if (!Areas.IsValidCode(code))
            {
                throw new MalformedDocumentException($"{x.Path}.admdvs", "expected a 6-digit admdvs code");
            }

            return new Area(code, x.Item.OptionalText("name", x.Path) ?? code, x.Item.OptionalText("province", x.Path) ?? Areas.ProvinceOf(code));
        }).ToList());

    public static Result<IReadOnlyList<Institution>> ReadInstitutions(string json) => DocumentErrors.Read(json, root =>
        (IReadOnlyList<Institution>)root.Items("$").Select(x => ReadInstitution(x.Item, x.Path)).ToList());

    public static Result<Institution> ReadInstitution(JsonElement e) => DocumentErrors.Read(e, x => ReadInstitution(x, "$"));

    /// <summary>One institution, as one element of an institutions document (<paramref name="path"/> names it in errors).</summary>
    public static Result<Institution> ReadOneInstitution(JsonElement e, string path) => DocumentErrors.Read(e, x => ReadInstitution(x, path));

    private static Institution ReadInstitution(JsonElement e, string path)
    {
        var area = e.RequiredText("area", path);
        if (!Areas.IsValidCode(area))
        {
            throw new MalformedDocumentException($"{path}.area", "expected a 6-digit admdvs code");
        }

        var kind = e.Required("kind", path).Code<InstitutionKind>($"{path}.kind", CodeNames.TryParseInstitutionKind, "physical, internet, pharmacy");
        var reliesOn = e.OptionalText("reliesOn", path);
        if (kind == InstitutionKind.Internet && string.IsNullOrEmpty(reliesOn))
        {
            throw new MalformedDocumentException($"{path}.reliesOn", "an internet hospital must name the physical institution it relies on");
        }

        return new Institution(
            e.RequiredText("fixmedins_code", path),
            e.OptionalText("name", path) ?? "",
            area,
            kind,
            e.Required("level", path).Level($"{path}.level"),
            reliesOn);
    }

    public static Result<IReadOnlyList<Person>> ReadPersons(string json) => DocumentErrors.Read(json, root =>
        (IReadOnlyList<Person>)root.Items("$").Select(x => ReadPerson(x.Item, x.Path)).ToList());

    /// <summary>One person, as one element of a persons document (<paramref name="path"/> names it in errors).</summary>
    public static Result<Person> ReadOnePerson(JsonElement e, string path) => DocumentErrors.Read(e, x => ReadPerson(x, path));

    private static Person ReadPerson(JsonElement e, string path)
    {
        var insutype = e.RequiredText("insutype", path);
        if (!Insutype.IsKnown(insutype))
        {
            throw new MalformedDocumentException($"{path}.insutype", "expected 310 or 390");
        }

        var area = e.RequiredText("area", path);
        if (!Areas.IsValidCode(area))
        {
            throw new MalformedDocumentException($"{path}.area", "expected a 6-digit admdvs code");
        }

        var balance = e.OptionalDecimal("accountBalance", path) ?? 0m;
        if (balance < 0 || !Money.IsWholeCents(balance))
        {
            throw new MalformedDocumentException($"{path}.accountBalance", "expected a non-negative amount in cents");
        }

        var chronic = e.Optional("chronic") is { } c
            ? c.Items($"{path}.chronic").Select(x => new ChronicRegistration(
                x.Item.RequiredText("disease", x.Path),
                x.Item.OptionalText("name", x.Path) ?? "",
                x.Item.Required("from", x.Path).Date($"{x.Path}.from"))).ToList()
            : [];
        var filings = e.Optional("filings") is { } f
            ? f.Items($"{path}.filings").Select(x => new CrossRegionFiling(
                x.Item.Required("type", x.Path).Code<Filing>($"{x.Path}.type", TryParseFilingType, "longTerm, temporaryFiled"),
                x.Item.OptionalText("reason", x.Path) ?? "",
                x.Item.RequiredText("toArea", x.Path),
                x.Item.Required("from", x.Path).Date($"{x.Path}.from"),
                x.Item.Optional("to")?.Date($"{x.Path}.to"))).ToList()
            : [];

        var naty = e.OptionalText("naty", path);
        if (naty is not null && (naty.Length != 2 || !naty.All(char.IsAsciiDigit)))
        {
            throw new MalformedDocumentException($"{path}.naty", "expected a two-digit GB 3304 ethnicity code, e.g. 01");
        }

        var cardSn = e.OptionalText("card_sn", path);
        if (cardSn is not null && (cardSn.Length > 50 || !cardSn.All(char.IsAsciiLetterOrDigit)))
        {
            throw new MalformedDocumentException($"{path}.card_sn", "expected the social security card's serial number: up to 50 letters and digits");
        }

        return new Person(
            e.RequiredText("psn_no", path),
            e.OptionalText("name", path) ?? "",
            e.OptionalText("gender", path) ?? "9",
            e.Required("birthday", path).Date($"{path}.birthday"),
            e.RequiredText("certno", path),
            insutype,
            area,
            e.OptionalBool("retired", path, false),
            balance,
            chronic,
            filings) { Naty = naty, CardSn = cardSn };
    }

    private static bool TryParseFilingType(string? s, out Filing value) =>
        CodeNames.TryParseFiling(s, out value) && value is Filing.LongTerm or Filing.TemporaryFiled;

    public static void WritePerson(Utf8JsonWriter w, Person p)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(p);
        w.WriteStartObject();
        w.WriteString("psn_no", p.PsnNo);
        w.WriteString("name", p.Name);
        w.WriteString("gender", p.Gender);
        w.WriteString("birthday", p.Birthday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("certno", p.Certno);
        w.WriteString("insutype", p.Insutype);
        w.WriteString("area", p.Area);
        w.WriteBoolean("retired", p.Retired);
        if (p.Naty is { } naty)
        {
            w.WriteString("naty", naty);
        }

        if (p.CardSn is { } cardSn)
        {
            w.WriteString("card_sn", cardSn);
        }

        w.WriteNumber("accountBalance", p.AccountBalance);
        w.WriteStartArray("chronic");
        foreach (var c in p.Chronic)
        {
            w.WriteStartObject();
            w.WriteString("disease", c.Disease);
            w.WriteString("name", c.Name);
            w.WriteString("from", c.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("filings");
        foreach (var f in p.Filings)
        {
            w.WriteStartObject();
            w.WriteString("type", f.Type.ToName());
            w.WriteString("reason", f.Reason);
            w.WriteString("toArea", f.ToArea);
            w.WriteString("from", f.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if (f.To is { } to)
            {
                w.WriteString("to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull("to");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
