using System.Text.Json;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;

namespace Yibao.Domain.Interchange;

/// <summary>A case file of <c>spec/settlement.md</c> ("Case file format"): inputs and, optionally, the expected outcome.</summary>
/// <param name="Expected">The <c>expected</c> object as written in the file, if present.</param>
public sealed record SettlementCase(string Name, SettlementInput Input, JsonElement? Expected)
{
    public static Result<SettlementCase> Read(string json) => DocumentErrors.Read(json, ReadCase).Bind();

    private static Result<SettlementCase> ReadCase(JsonElement root)
    {
        const string path = "$";
        var policy = PolicyJson.ReadPolicy(root.Required("policy", path), "$.policy");
        if (!policy.IsSuccess)
        {
            return policy.Error;
        }

        var entries = new List<CatalogueEntry>();
        foreach (var entry in CatalogueJson.ReadEntries(root.Required("catalog", path), "$.catalog"))
        {
            if (!entry.IsSuccess)
            {
                return entry.Error;
            }

            entries.Add(entry.Value);
        }

        var input = new SettlementInput(
            policy.Value,
            new Catalogue(entries),
            ReadPerson(root.Required("person", path), "$.person"),
            ReadInstitution(root.Required("institution", path), "$.institution"),
            ReadVisit(root.Required("visit", path), "$.visit"),
            root.Required("lines", path).Items("$.lines").Select(x => ReadLine(x.Item, x.Path)).ToList());
        return new SettlementCase(
            root.OptionalText("name", path) ?? "",
            input,
            root.Optional("expected")?.Clone());
    }

    private static InsuredPerson ReadPerson(JsonElement e, string path)
    {
        var accumulators = new List<KeyValuePair<BenefitKind, Accumulator>>();
        if (e.Optional("accumulators") is { } acc)
        {
            foreach (var (name, value, p) in acc.Properties($"{path}.accumulators"))
            {
                if (!BenefitKinds.TryParse(name, out var kind))
                {
                    throw new MalformedDocumentException(p, "unknown benefit kind (outpatient, chronic, inpatient, pharmacy)");
                }

                accumulators.Add(KeyValuePair.Create(kind, new Accumulator(
                    value.OptionalDecimal("deductiblePaid", p) ?? 0m,
                    value.OptionalDecimal("fundPaid", p) ?? 0m)));
            }
        }

        return new InsuredPerson(
            e.OptionalText("area", path) ?? "",
            e.RequiredText("insutype", path),
            e.OptionalBool("retired", path, false),
            e.OptionalDecimal("accountBalance", path) ?? 0m,
            new AccumulatorSet(accumulators));
    }

    private static SettlingInstitution ReadInstitution(JsonElement e, string path) => new(
        e.OptionalText("area", path) ?? "",
        e.Required("level", path).Level($"{path}.level"),
        e.Optional("kind") is { } k ? k.Code<InstitutionKind>($"{path}.kind", CodeNames.TryParseInstitutionKind, "physical, internet, pharmacy") : InstitutionKind.Physical,
        e.Optional("reliesOnLevel")?.Level($"{path}.reliesOnLevel"),
        e.Optional("prescriberLevel")?.Level($"{path}.prescriberLevel"));

    private static Visit ReadVisit(JsonElement e, string path) => new(
        e.RequiredText("medType", path),
        e.Optional("channel") is { } c ? c.Code<Channel>($"{path}.channel", CodeNames.TryParseChannel, "online, offline") : Channel.Offline,
        e.Optional("visitKind") is { } v ? v.Code<VisitKind>($"{path}.visitKind", CodeNames.TryParseVisitKind, "first, followUp") : VisitKind.FollowUp,
        e.OptionalBool("useAccount", path, true),
        e.Optional("filing") is { } f ? f.Code<Filing>($"{path}.filing", CodeNames.TryParseFiling, "none, longTerm, temporaryFiled, unfiled") : Filing.None);

    private static FeeLine ReadLine(JsonElement e, string path) => new(
        e.RequiredText("code", path),
        e.RequiredDecimal("price", path),
        e.RequiredDecimal("qty", path),
        e.RequiredDecimal("amount", path));
}
