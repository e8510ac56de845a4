using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;

namespace Yibao.Storage.Reference;

public sealed record VersionedPolicy(Policy Policy, int Revision);

public sealed record VersionedCatalogue(string Area, int Version, Catalogue Catalogue)
{
    /// <summary>The price list a governed catalogue was governed by (empty when the area has none).</summary>
    public Domain.Pricing.InternetPlusPriceList Prices { get; init; } = Domain.Pricing.InternetPlusPriceList.Empty(Area);
}

/// <summary>
/// Policies, catalogues and price lists as the engine needs them. Each is immutable once versioned, so
/// parsed copies are cached by version and, once cached, only the version look-up goes to the database.
/// </summary>
public sealed class ReferenceCache
{
    private readonly ConcurrentDictionary<(string Area, int Version), Catalogue> _catalogues = new();
    private readonly ConcurrentDictionary<(string Area, string Insutype, int Year, int Revision), Policy> _policies = new();
    private readonly ConcurrentDictionary<(string Area, int Revision), Domain.Pricing.InternetPlusPriceList> _priceLists = new();
    private readonly ConcurrentDictionary<(string Area, int Version, int PriceRevision, int Level), Catalogue> _governed = new();

    /// <summary>The area's Internet+ price list (empty when none is loaded) and its revision (0 for none).</summary>
    public async Task<(Domain.Pricing.InternetPlusPriceList List, int Revision)> PriceListAsync(YibaoDbContext db, string area, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lists = db.PriceLists.AsNoTracking().Where(p => p.Area == area);
        var revision = await lists.Select(p => (int?)p.Revision).FirstOrDefaultAsync(cancellationToken);
        if (revision is not { } current)
        {
            return (Domain.Pricing.InternetPlusPriceList.Empty(area), 0);
        }

        // Only the revision is read on every call; the document only when this revision is new here.
        if (!_priceLists.TryGetValue((area, current), out var list))
        {
            var row = await lists.Select(p => new { p.Revision, p.Document }).FirstAsync(cancellationToken);
            list = _priceLists.GetOrAdd((area, row.Revision), _ => Domain.Pricing.PriceListJson.Read(row.Document).Value);
            current = row.Revision;
        }

        return (list, current);
    }

    /// <summary>The current catalogue of the area as its price list governs it at one institution level.</summary>
    public async Task<VersionedCatalogue?> GovernedCatalogueAsync(YibaoDbContext db, string area, int level, CancellationToken cancellationToken)
    {
        if (await CurrentCatalogueAsync(db, area, cancellationToken) is not { } current)
        {
            return null;
        }

        var (prices, revision) = await PriceListAsync(db, area, cancellationToken);
        return current with { Catalogue = _governed.GetOrAdd((area, current.Version, revision, level), _ => prices.Govern(current.Catalogue, level)), Prices = prices };
    }

    public async Task<VersionedCatalogue?> CurrentCatalogueAsync(YibaoDbContext db, string area, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var current = await db.CatalogueVersions.AsNoTracking()
            .Where(v => v.Area == area)
            .OrderByDescending(v => v.Version)
            .Select(v => new { v.Id, v.Version })
            .FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return null;
        }

        if (!_catalogues.TryGetValue((area, current.Version), out var catalogue))
        {
            var rows = await db.CatalogueEntries.AsNoTracking().Where(e => e.VersionId == current.Id).ToListAsync(cancellationToken);
            catalogue = _catalogues.GetOrAdd((area, current.Version), new Catalogue(rows.Select(r => r.ToDomain())));
        }

        return new VersionedCatalogue(area, current.Version, catalogue);
    }

    public async Task<VersionedPolicy?> PolicyAsync(YibaoDbContext db, string area, string insutype, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var policies = db.Policies.AsNoTracking().Where(p => p.Area == area && p.Insutype == insutype && p.Year == year);
        if (await policies.Select(p => (int?)p.Revision).FirstOrDefaultAsync(cancellationToken) is not { } revision)
        {
            return null;
        }

        if (!_policies.TryGetValue((area, insutype, year, revision), out var policy))
        {
            var row = await policies.Select(p => new { p.Revision, p.Document }).FirstAsync(cancellationToken);
            policy = _policies.GetOrAdd((area, insutype, year, row.Revision), _ => PolicyJson.Read(row.Document).Value);
            revision = row.Revision;
        }

        return new VersionedPolicy(policy, revision);
    }
}
