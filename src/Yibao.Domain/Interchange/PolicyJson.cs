using System.Text.Json;
using Yibao.Domain.Codes;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Interchange;

/// <summary>The policy document of the spec (as in <c>fixtures/world/policies.json</c>).</summary>
public static class PolicyJson
{
    public static Result<Policy> Read(string json) => DocumentErrors.Read(json, e => ReadPolicy(e, "$")).Bind();

    public static Result<IReadOnlyList<Policy>> ReadMany(string json) =>
        DocumentErrors.Read(json, root => (IReadOnlyList<Result<Policy>>)root.Items("$").Select(x => ReadPolicy(x.Item, x.Path)).ToList()).BindAll();

    internal static Result<Policy> ReadPolicy(JsonElement e, string path)
    {
        var benefits = new Dictionary<BenefitKind, Benefit>();
        foreach (var (name, value, p) in e.Required("benefits", path).Properties($"{path}.benefits"))
        {
            if (!BenefitKinds.TryParse(name, out var kind))
            {
                throw new MalformedDocumentException(p, "unknown benefit kind (outpatient, chronic, inpatient, pharmacy)");
            }

            benefits[kind] = ReadBenefit(value, p);
        }

        var reduction = e.Optional("crossRegion") is { } cr && cr.Optional("reduction") is { } r
            ? new CrossRegionReduction(
                r.OptionalDecimal("longTerm", $"{path}.crossRegion.reduction") ?? 0m,
                r.OptionalDecimal("temporaryFiled", $"{path}.crossRegion.reduction") ?? 0m,
                r.OptionalDecimal("unfiled", $"{path}.crossRegion.reduction") ?? 0m)
            : CrossRegionReduction.Zero;

        var result = Policy.Create(
            e.RequiredText("area", path),
            e.RequiredText("insutype", path),
            e.Required("year", path).Int($"{path}.year"),
            e.OptionalDecimal("maxRatio", path) ?? 1m,
            benefits,
            reduction);
        return result.IsSuccess ? result : result.Error with { Message = $"{path}: {result.Error.Message}" };
    }

    private static Benefit ReadBenefit(JsonElement e, string path)
    {
        var d = e.Optional("deductible");
        var deductible = d is { } dd
            ? new Deductible(
                dd.Optional("per") is { } per ? per.Code<DeductiblePer>($"{path}.deductible.per", CodeNames.TryParseDeductiblePer, "year, admission") : DeductiblePer.Year,
                ReadLevelTable(dd.Required("amount", $"{path}.deductible"), $"{path}.deductible.amount"))
            : Deductible.None;
        return new Benefit(
            deductible,
            ReadLevelTable(e.Required("ratio", path), $"{path}.ratio"),
            e.OptionalDecimal("retiredBonus", path) ?? 0m,
            e.OptionalDecimal("cap", path));
    }

    private static LevelTable ReadLevelTable(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return LevelTable.Uniform(e.Decimal(path));
        }

        var values = new decimal[3];
        foreach (var (name, value, p) in e.Properties(path))
        {
            if (name is not ("1" or "2" or "3"))
            {
                throw new MalformedDocumentException(p, "level keys are \"1\", \"2\" and \"3\"");
            }

            values[name[0] - '1'] = value.Decimal(p);
        }

        return new LevelTable(values[0], values[1], values[2]);
    }

    public static string Write(Policy policy) => JsonWriting.Write(w => Write(w, policy));

    public static string WriteMany(IEnumerable<Policy> policies) => JsonWriting.Write(w =>
    {
        w.WriteStartArray();
        foreach (var p in policies)
        {
            Write(w, p);
        }

        w.WriteEndArray();
    });

    public static void Write(Utf8JsonWriter w, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(policy);
        w.WriteStartObject();
        w.WriteString("area", policy.Area);
        w.WriteString("insutype", policy.Insutype);
        w.WriteNumber("year", policy.Year);
        w.WriteNumber("maxRatio", policy.MaxRatio);
        w.WriteStartObject("benefits");
        foreach (var (kind, b) in policy.Benefits)
        {
            w.WriteStartObject(kind.ToName());
            w.WriteStartObject("deductible");
            w.WriteString("per", b.Deductible.Per.ToName());
            WriteLevelTable(w, "amount", b.Deductible.Amount);
            w.WriteEndObject();
            WriteLevelTable(w, "ratio", b.Ratio);
            w.WriteNumber("retiredBonus", b.RetiredBonus);
            if (b.Cap is { } cap)
            {
                w.WriteNumber("cap", cap);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("crossRegion");
        w.WriteStartObject("reduction");
        w.WriteNumber("longTerm", policy.CrossRegion.LongTerm);
        w.WriteNumber("temporaryFiled", policy.CrossRegion.TemporaryFiled);
        w.WriteNumber("unfiled", policy.CrossRegion.Unfiled);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteLevelTable(Utf8JsonWriter w, string name, LevelTable t)
    {
        if (t.IsUniform)
        {
            w.WriteNumber(name, t.Level1);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("1", t.Level1);
        w.WriteNumber("2", t.Level2);
        w.WriteNumber("3", t.Level3);
        w.WriteEndObject();
    }
}
