using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Credentials;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;
using Yibao.Domain.Pricing;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Application.Reference;

public sealed record VersionedPolicy(Policy Policy, int Revision);

public sealed record VersionedSupervision(string Area, int Version, Domain.Supervision.SupervisionDocument Document);

public sealed record VersionedCatalogue(string Area, int Version, Catalogue Catalogue)
{
    /// <summary>The price list a governed catalogue was governed by (empty when the area has none).</summary>
    public InternetPlusPriceList Prices { get; init; } = InternetPlusPriceList.Empty(Area);
}

/// <summary>
/// Reference data — institutions with their agreements, policies, catalogues, price lists and
/// gateway credentials — as one unit of work sees it. The first use reads the reference revision
/// (one round trip), unless the process hears every move of it (<see cref="ReferenceSnapshots"/>);
/// everything else comes from the process's memory for that revision, loaded once per revision.
/// Every write of reference data bumps the revision in its own transaction
/// (<see cref="YibaoDbContext.SaveChangesAsync(bool, CancellationToken)"/>), so several server
/// processes on one database, and the CLI beside them, never serve what another has changed.
/// </summary>
public sealed class ReferenceData(YibaoDbContext db, ReferenceSnapshots snapshots, CredentialProtector protector)
{
    private ReferenceSnapshot? _snapshot;

    private async ValueTask<ReferenceSnapshot> SnapshotAsync(CancellationToken ct) => _snapshot ??= await snapshots.CurrentAsync(db, ct);

    public async ValueTask<InstitutionFacts?> InstitutionAsync(string fixmedinsCode, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        if (snapshot.Institutions.TryGetValue(fixmedinsCode, out var known))
        {
            return known;
        }

        var row = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.FixmedinsCode == fixmedinsCode, ct);
        var facts = row is null ? null : await InstitutionFacts.OfAsync(db, row, ct);
        return snapshot.Institutions.GetOrAdd(fixmedinsCode, facts);
    }

    public async ValueTask<VersionedPolicy?> PolicyAsync(string area, string insutype, int year, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        if (snapshot.Policies.TryGetValue((area, insutype, year), out var known))
        {
            return known;
        }

        var row = await db.Policies.AsNoTracking().Where(p => p.Area == area && p.Insutype == insutype && p.Year == year)
            .Select(p => new { p.Revision, p.Document }).FirstOrDefaultAsync(ct);
        var policy = row is null ? null : snapshots.Parsed((area, insutype, year, row.Revision), () => new VersionedPolicy(PolicyJson.Read(row.Document).Value, row.Revision));
        return snapshot.Policies.GetOrAdd((area, insutype, year), policy);
    }

    /// <summary>The area's current catalogue, as published.</summary>
    public async ValueTask<VersionedCatalogue?> CurrentCatalogueAsync(string area, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        if (snapshot.Catalogues.TryGetValue(area, out var known))
        {
            return known;
        }

        var current = await db.CatalogueVersions.AsNoTracking().Where(v => v.Area == area).OrderByDescending(v => v.Version)
            .Select(v => new { v.Id, v.Version }).FirstOrDefaultAsync(ct);
        VersionedCatalogue? catalogue = null;
        if (current is not null && !snapshots.TryGet((area, current.Version), out catalogue))
        {
            var entries = await db.CatalogueEntries.AsNoTracking().Where(e => e.VersionId == current.Id).ToListAsync(ct);
            catalogue = snapshots.Remember((area, current.Version), new VersionedCatalogue(area, current.Version, new Catalogue(entries.Select(r => r.ToDomain()))));
        }

        return snapshot.Catalogues.GetOrAdd(area, catalogue);
    }

    /// <summary>The area's current catalogue as its Internet+ price list governs it at one institution level.</summary>
    public async ValueTask<VersionedCatalogue?> GovernedCatalogueAsync(string area, int level, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        if (snapshot.Governed.TryGetValue((area, level), out var known))
        {
            return known;
        }

        var current = await CurrentCatalogueAsync(area, ct);
        var (prices, _) = await PriceListAsync(area, ct);
        var governed = current is null ? null : current with { Catalogue = prices.Govern(current.Catalogue, level), Prices = prices };
        return snapshot.Governed.GetOrAdd((area, level), governed);
    }

    /// <summary>The area's Internet+ price list (empty when none is loaded) and its revision (0 for none).</summary>
    public async ValueTask<(InternetPlusPriceList List, int Revision)> PriceListAsync(string area, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        if (snapshot.PriceLists.TryGetValue(area, out var known))
        {
            return known;
        }

        var row = await db.PriceLists.AsNoTracking().Where(p => p.Area == area).Select(p => new { p.Revision, p.Document }).FirstOrDefaultAsync(ct);
        var list = row is null
            ? (InternetPlusPriceList.Empty(area), 0)
            : (snapshots.Parsed((area, row.Revision, "prices"), () => PriceListJson.Read(row.Document).Value), row.Revision);
        return snapshot.PriceLists.GetOrAdd(area, list);
    }

    /// <summary>The area's supervision knowledge and rule settings in force (null: none loaded; nothing is judged in-event).</summary>
    public async ValueTask<VersionedSupervision?> SupervisionAsync(string area, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        if (snapshot.Supervision.TryGetValue(area, out var known))
        {
            return known;
        }

        var row = await db.SupervisionKnowledge.AsNoTracking().Where(k => k.Area == area).OrderByDescending(k => k.Version)
            .Select(k => new { k.Version, k.Document }).FirstOrDefaultAsync(ct);
        var supervision = row is null
            ? null
            : snapshots.Parsed((area, row.Version, "supervision"), () => new VersionedSupervision(area, row.Version, Domain.Supervision.SupervisionJson.Read(row.Document, Domain.Supervision.RuleSet.Default, row.Version).Value));
        return snapshot.Supervision.GetOrAdd(area, supervision);
    }

    /// <summary>The institution and token of a live paasid, for verifying a request's signature.</summary>
    public async ValueTask<ResolvedCredential?> CredentialAsync(string paasid, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        if (snapshot.Credentials.TryGetValue(paasid, out var known))
        {
            return known;
        }

        var row = await db.GatewayCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.Paasid == paasid && c.RevokedAt == null, ct);
        var credential = row is not null && protector.Unprotect(row.TokenCiphertext) is { } token ? new ResolvedCredential(row.FixmedinsCode, token) : null;
        return snapshot.Credentials.GetOrAdd(paasid, credential);
    }
}

/// <summary>
/// The process's reference data, one snapshot per revision; parsed documents are kept across
/// revisions, as they never change. While the process hears every move of the revision
/// (<see cref="ChangeSignals.Listening"/>: PostgreSQL's notifications), the snapshot
/// last read stays current until a move is heard, and a unit of work reads nothing to know it.
/// </summary>
public sealed class ReferenceSnapshots(ChangeSignals signal)
{
    private readonly ConcurrentDictionary<object, object?> _parsed = new();
    private volatile ReferenceSnapshot _latest = new(0);
    private volatile Verified? _verified;

    /// <summary>A snapshot read as current when the signal had heard <paramref name="Moves"/> moves.</summary>
    private sealed record Verified(ReferenceSnapshot Snapshot, long Moves);

    /// <summary>The snapshot of the revision the database holds now.</summary>
    internal async ValueTask<ReferenceSnapshot> CurrentAsync(YibaoDbContext db, CancellationToken ct)
    {
        // Counted before the read: a move heard during it makes what it reads unverified.
        var moves = signal.ReferenceMoves;
        if (signal.Listening && _verified is { } verified && verified.Moves == moves)
        {
            return verified.Snapshot;
        }

        var revision = await db.ReferenceRevisions.AsNoTracking().Where(r => r.Id == ReferenceRevisionRow.SingletonId).Select(r => r.Revision).FirstAsync(ct);
        var latest = _latest;
        if (latest.Revision == revision)
        {
            _verified = new Verified(latest, moves);
            return latest;
        }

        var fresh = new ReferenceSnapshot(revision);
        if (revision > latest.Revision)
        {
            _latest = fresh;
            _verified = new Verified(fresh, moves);
        }

        return fresh;
    }

    /// <summary>A document parsed once per version: it never changes once versioned.</summary>
    internal T Parsed<T>(object key, Func<T> parse) => (T)_parsed.GetOrAdd(key, _ => parse())!;

    internal bool TryGet<T>(object key, out T? value)
    {
        var found = _parsed.TryGetValue(key, out var stored);
        value = found ? (T?)stored : default;
        return found;
    }

    internal T Remember<T>(object key, T value) => (T)_parsed.GetOrAdd(key, value)!;
}

/// <summary>What one revision of the reference data holds, filled as it is asked for; absent things are remembered as absent.</summary>
internal sealed class ReferenceSnapshot(long revision)
{
    public long Revision => revision;

    public ConcurrentDictionary<string, InstitutionFacts?> Institutions { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<(string Area, string Insutype, int Year), VersionedPolicy?> Policies { get; } = new();

    public ConcurrentDictionary<string, VersionedCatalogue?> Catalogues { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<(string Area, int Level), VersionedCatalogue?> Governed { get; } = new();

    public ConcurrentDictionary<string, (InternetPlusPriceList List, int Revision)> PriceLists { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ResolvedCredential?> Credentials { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, VersionedSupervision?> Supervision { get; } = new(StringComparer.Ordinal);
}
