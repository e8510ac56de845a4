using System.Globalization;
using System.Text.Json.Nodes;

namespace Yibao.Domain.Prescriptions;

/// <summary>What the pre-check reads of a prescription (the rest of the document is kept and signed as sent).</summary>
/// <param name="MdtrtCertType">01 ecToken, 02 ID number, 03 card.</param>
/// <param name="BizTypeCode">01 at an institution, 02 internet-hospital consultation.</param>
public sealed record RxOrder(
    string MdtrtId,
    string? PsnNo,
    string? Certno,
    string MdtrtCertType,
    string? MdtrtCertNo,
    string BizTypeCode,
    string RxExraAttrCode,
    string? HospRxno,
    DateTimeOffset PrscTime,
    int ValiDays,
    RxReuse Reuse,
    string? DiseCodg,
    IReadOnlyList<PrescribedDrug> Drugs);

/// <summary>
/// The prescription document of the national interface (<c>uploadChk</c> input: the header,
/// <c>rxdrugdetail[]</c>, <c>mdtrtinfo{}</c>, <c>diseinfo[]</c>), read with every field's error
/// named by its path. Numbers may come as JSON numbers or strings, as HIS systems send both.
/// </summary>
public static class PrescriptionDocument
{
    public const int MaxDrugs = 50;

    public static Result<RxOrder> Read(JsonObject document, TimeSpan utcOffset)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<string>();
        var visit = document["mdtrtinfo"] as JsonObject;
        if (visit is null)
        {
            errors.Add("mdtrtinfo: required");
        }

        visit ??= [];
        var drugs = new List<PrescribedDrug>();
        if (document["rxdrugdetail"] is not JsonArray { Count: > 0 and <= MaxDrugs } list)
        {
            errors.Add($"rxdrugdetail: 1 to {MaxDrugs} drugs");
            list = [];
        }

        for (var i = 0; i < list.Count; i++)
        {
            var d = list[i] as JsonObject ?? [];
            var path = $"rxdrugdetail[{i}]";
            var drug = new PrescribedDrug(
                Required(d, "medListCodg", path, errors, 50),
                Text(d, "drugGenname") ?? "",
                (int)(Number(d, "medcDays", path, errors, positive: true) ?? 0m),
                Number(d, "sinDoscnt", path, errors, positive: true) ?? 0m,
                Text(d, "sinDosunt"),
                Text(d, "usedFrquCodg"),
                Number(d, "drugCnt", path, errors, positive: true) ?? 0m,
                Text(d, "drugDosunt"));
            drugs.Add(drug);
        }

        var certType = Text(document, "mdtrtCertType") ?? "02";
        if (certType is not ("01" or "02" or "03"))
        {
            errors.Add("mdtrtCertType: 01 ecToken, 02 ID number or 03 card");
        }

        var biz = Text(document, "bizTypeCode") ?? "";
        if (biz is not ("01" or "02"))
        {
            errors.Add("bizTypeCode: 01 at an institution or 02 internet-hospital consultation");
        }

        var circulation = Text(document, "rxExraAttrCode") ?? "03";
        if (circulation is not ("01" or "02" or "03"))
        {
            errors.Add("rxExraAttrCode: 01 dual channel, 02 outpatient pooling or 03 other");
        }

        var prescribed = Time(document, "prscTime", utcOffset, errors);
        var valiDays = (int)(Number(document, "valiDays", "", errors, positive: true) ?? 0m);
        var repeat = Text(document, "reptFlag") == "1";
        var reuse = repeat
            ? new RxReuse((int)(Number(document, "maxReptCnt", "", errors, positive: true) ?? 1m), (int)(Number(document, "minInrvDays", "", errors, positive: false) ?? 0m))
            : RxReuse.Once;
        if (reuse.MaxCount is < 1 or > 12)
        {
            errors.Add("maxReptCnt: 1 to 12");
        }

        var mdtrtId = Text(visit, "mdtrtId") ?? Text(document, "mdtrtId");
        if (mdtrtId is null)
        {
            errors.Add("mdtrtinfo.mdtrtId: required");
        }

        if (errors.Count > 0)
        {
            return PrescriptionReviewErrors.Invalid.With(string.Join("; ", errors));
        }

        return new RxOrder(
            mdtrtId!,
            Text(visit, "psnNo"),
            Text(visit, "certno"),
            certType,
            Text(document, "mdtrtCertNo") ?? Text(document, "ecToken"),
            biz,
            circulation,
            Text(document, "hospRxno"),
            prescribed,
            valiDays,
            reuse,
            Text(visit, "maindiagCode") ?? Text(visit, "diseCodg"),
            drugs);
    }

    /// <summary>The drugs of a stored prescription's content (its <c>prescription.rxdrugdetail</c>).</summary>
    public static IReadOnlyList<PrescribedDrug> Drugs(JsonObject content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new List<string>();
        return content["prescription"]?["rxdrugdetail"] is JsonArray list
            ? [.. list.OfType<JsonObject>().Select(d => new PrescribedDrug(
                Text(d, "medListCodg") ?? "", Text(d, "drugGenname") ?? "", (int)(Number(d, "medcDays", "", errors, false) ?? 0m),
                Number(d, "sinDoscnt", "", errors, false) ?? 0m, Text(d, "sinDosunt"), Text(d, "usedFrquCodg"),
                Number(d, "drugCnt", "", errors, false) ?? 0m, Text(d, "drugDosunt")))]
            : [];
    }

    public static string? Text(JsonObject json, string name) => json?[name] is JsonValue v
        ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) is { Length: > 0 } text ? text : null
        : null;

    private static string Required(JsonObject json, string name, string path, List<string> errors, int max)
    {
        var text = Text(json, name);
        if (text is null || text.Length > max)
        {
            errors.Add($"{path}.{name}: required, at most {max} characters");
        }

        return text ?? "";
    }

    private static decimal? Number(JsonObject json, string name, string path, List<string> errors, bool positive)
    {
        var at = path.Length == 0 ? name : $"{path}.{name}";
        if (json[name] is not JsonValue v)
        {
            errors.Add($"{at}: required");
            return null;
        }

        // A number node made in code holds its CLR type (int, double): read every number from its JSON text.
        var text = v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.ToJsonString() : v.TryGetValue<string>(out var s) ? s : null;
        if (decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var n)
            && (positive ? n > 0 : n >= 0) && n < 100_000m)
        {
            return n;
        }

        errors.Add($"{at}: {(positive ? "a positive" : "a non-negative")} number");
        return null;
    }

    private static DateTimeOffset Time(JsonObject json, string name, TimeSpan utcOffset, List<string> errors)
    {
        var text = Text(json, name);
        if (text is not null && DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, utcOffset);
        }

        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && text.Contains('+', StringComparison.Ordinal))
        {
            return instant;
        }

        errors.Add($"{name}: yyyy-MM-dd HH:mm:ss");
        return default;
    }
}
