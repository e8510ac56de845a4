using System.Text.Json;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;

namespace Yibao.Domain.Interchange;

/// <summary>Catalogue entries as in the spec's case files and <c>fixtures/world/catalogue-*.json</c>.</summary>
public static class CatalogueJson
{
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
        return result.IsSuccess ? result : result.Error with { Message = $"{path}: {result.Error.Message}" };
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

        w.WriteEndObject();
    }
}
