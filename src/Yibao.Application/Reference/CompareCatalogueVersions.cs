using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Storage;
using Yibao.Storage.Reference;

namespace Yibao.Application.Reference;

/// <summary>One version of an area's catalogue: when it was published and how many entries it has.</summary>
public sealed record CatalogueVersionSummary(string Area, int Version, DateTimeOffset LoadedAt, int Entries);

/// <summary>Every area's catalogue versions, newest first.</summary>
public sealed record ListCatalogueVersions;

public sealed class ListCatalogueVersionsHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<CatalogueVersionSummary>> HandleAsync(ListCatalogueVersions command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await db.CatalogueVersions.AsNoTracking()
            .OrderBy(v => v.Area).ThenByDescending(v => v.Version)
            .Select(v => new CatalogueVersionSummary(v.Area, v.Version, v.LoadedAt, v.Entries.Count))
            .ToListAsync(ct);
    }
}

/// <summary>An entry that differs between two versions: added (no left), removed (no right) or changed.</summary>
public sealed record CatalogueEntryChange(string Code, string Name, string? Left, string? Right)
{
    public string Kind => Left is null ? "added" : Right is null ? "removed" : "changed";
}

/// <summary>Two versions compared: the counts, and the first <see cref="CompareCatalogueVersions.Limit"/> entries that differ in code order.</summary>
public sealed record CatalogueComparison(int Added, int Removed, int Changed, IReadOnlyList<CatalogueEntryChange> Changes);

/// <summary>Two versions of an area's catalogue side by side: what was added, removed, or reclassed and repriced.</summary>
public sealed record CompareCatalogueVersions(string Area, int Left, int Right, int Limit = 500);

public sealed class CompareCatalogueVersionsHandler(YibaoDbContext db)
{

    public async Task<Result<CatalogueComparison>> HandleAsync(CompareCatalogueVersions command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var left = await EntriesAsync(command.Area, command.Left, ct);
        var right = await EntriesAsync(command.Area, command.Right, ct);
        if (left is null || right is null)
        {
            return CatalogueVersionErrors.VersionNotFound.With($"area {command.Area} has no catalogue version {(left is null ? command.Left : command.Right)}");
        }

        var changes = new List<CatalogueEntryChange>();
        int added = 0, removed = 0, changed = 0;
        foreach (var code in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            var l = left.GetValueOrDefault(code);
            var r = right.GetValueOrDefault(code);
            var (ls, rs) = (l is null ? null : Describe(l), r is null ? null : Describe(r));
            if (ls == rs)
            {
                continue;
            }

            added += l is null ? 1 : 0;
            removed += r is null ? 1 : 0;
            changed += l is not null && r is not null ? 1 : 0;
            if (changes.Count < command.Limit)
            {
                changes.Add(new(code, (r ?? l)!.Name, ls, rs));
            }
        }

        return new CatalogueComparison(added, removed, changed, changes);
    }

    private async Task<Dictionary<string, CatalogueEntry>?> EntriesAsync(string area, int version, CancellationToken ct)
    {
        var row = await db.CatalogueVersions.AsNoTracking().Include(v => v.Entries).FirstOrDefaultAsync(v => v.Area == area && v.Version == version, ct);
        return row?.Entries.Select(e => e.ToDomain()).ToDictionary(e => e.Code, StringComparer.Ordinal);
    }

    /// <summary>What settling reads of an entry, as one line: class, first self-pay share, price cap, and the name.</summary>
    private static string Describe(CatalogueEntry e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.Class.ToName()} · selfpay {e.SelfpayProp / 1.000000000000m} · cap {(e.PriceCap is { } cap ? (cap / 1.000000000000m).ToString(CultureInfo.InvariantCulture) : "none")} · {e.Name}");
}
