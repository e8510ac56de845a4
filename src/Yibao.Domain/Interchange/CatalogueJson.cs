using System.Text.Json;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;

namespace Yibao.Domain.Interchange;

/// <summary>Catalogue entries as in the spec's case files and <c>fixtures/world/catalogue-*.json</c>.</summary>
public static class CatalogueJson
{
    private static readonly (string Name, CatalogueMarks Mark)[] Marks =
        [("essentialMedicine", CatalogueMarks.EssentialMedicine), ("negotiatedDrug", CatalogueMarks.NegotiatedDrug), ("childMedicine", CatalogueMarks.ChildMedicine), ("specialItem", CatalogueMarks.SpecialItem)];

    public static Result<IReadOnlyList<CatalogueEntry>> ReadEntries(string json) =>
        DocumentErrors.Read(json, root => ReadEntries(root, "$")).BindAll();

    internal static IReadOnlyList<Result<CatalogueEntry>> ReadEntries(JsonElement array, string path) =>
        array.Items(path).Select(x => ReadEntry(x.Item, x.Path)).ToList();

    /// <summary>One catalogue entry, as one element of a catalogue document (<paramref name="path"/> names it in errors).</summary>
    public static Result<CatalogueEntry> ReadOneEntry(JsonElement e, string path) => DocumentErrors.Read(e, x => ReadEntry(x, path)).Bind();

    private static Result<CatalogueEntry> ReadEntry(JsonElement e, string path)
    {
        var @class = e.Required("class", path).Code<CatalogueClass>($"{path}.class", CodeNames.TryParseClass, "A, B, C");
        var result = CatalogueEntry.Create(
            e.RequiredText("code", path),
            e.OptionalText("name", path) ?? "",
            e.Optional("kind") is { } k ? k.Code<ItemKind>($"{path}.kind", CodeNames.TryParseItemKind, "drug, service, material") : ItemKind.Drug,
            @class,
            e.OptionalDecimal("selfpayProp", path) ?? (@class == CatalogueClass.C ? 1m : 0m),
            e.OptionalDecimal("priceCap", path));
        if (!result.IsSuccess)
        {
            return result.Error with { Message = $"{path}: {result.Error.Message}" };
        }

        var chrgitmType = e.OptionalText("chrgitmType", path);
        if (chrgitmType is not null && (chrgitmType.Length != 2 || !chrgitmType.All(char.IsAsciiDigit)))
        {
            return CatalogueErrors.Invalid($"{path}.chrgitmType must be a 2-digit national fee category, e.g. 09");
        }

        return result.Value with
        {
            Marks = Marks.Aggregate(CatalogueMarks.None, (marks, m) => e.OptionalBool(m.Name, path, false) ? marks | m.Mark : marks),
            ChrgitmType = chrgitmType,
            RestrictedUse = e.OptionalText("restrictedUse", path),
        };
    }

    public static string WriteEntries(IEnumerable<CatalogueEntry> entries) => JsonWriting.Write(w =>
    {
        w.WriteStartArray();
        foreach (var e in entries)
        {
            WriteEntry(w, e);
        }

        w.WriteEndArray();
    });

    public static void WriteEntry(Utf8JsonWriter w, CatalogueEntry e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        w.WriteString("code", e.Code);
        w.WriteString("name", e.Name);
        w.WriteString("kind", e.Kind.ToName());
        w.WriteString("class", e.Class.ToName());
        w.WriteNumber("selfpayProp", e.SelfpayProp);
        if (e.PriceCap is { } cap)
        {
            w.WriteNumber("priceCap", cap);
        }

        foreach (var (name, mark) in Marks)
        {
            if (e.Marks.HasFlag(mark))
            {
                w.WriteBoolean(name, true);
            }
        }

        if (e.ChrgitmType is { } type)
        {
            w.WriteString("chrgitmType", type);
        }

        if (e.RestrictedUse is { } restricted)
        {
            w.WriteString("restrictedUse", restricted);
        }

        w.WriteEndObject();
    }
}
