using System.Collections.Frozen;

namespace Yibao.Domain.Catalogues;

/// <summary>A treatment area's catalogue, read-only and built for fast look-ups by code.</summary>
public sealed class Catalogue
{
    private readonly FrozenDictionary<string, CatalogueEntry> _byCode;

    public Catalogue(IEnumerable<CatalogueEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byCode = new Dictionary<string, CatalogueEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // A later entry for the same code replaces the earlier one, as a catalogue update would.
            byCode[entry.Code] = entry;
        }

        _byCode = byCode.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static Catalogue Empty { get; } = new([]);

    public int Count => _byCode.Count;

    public IEnumerable<CatalogueEntry> Entries => _byCode.Values;

    public CatalogueEntry? Find(string code) => _byCode.GetValueOrDefault(code);
}
