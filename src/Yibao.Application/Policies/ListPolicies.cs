using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Application.Policies;

/// <summary>A policy in force, with its open drafts.</summary>
public sealed record PolicySummary(string Area, string Insutype, int Year, int Revision, DateTimeOffset LoadedAt, IReadOnlyList<DraftSummary> Drafts);

public sealed record DraftSummary(long Id, int BaseRevision, string Status, string CreatedBy, DateTimeOffset UpdatedAt);

/// <summary>Every policy in force, by area, insurance type and year, and its open drafts: the policy desk's list.</summary>
public sealed record ListPolicies;

public sealed class ListPoliciesHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<PolicySummary>> HandleAsync(ListPolicies command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var policies = await db.Policies.AsNoTracking()
            .OrderBy(p => p.Area).ThenBy(p => p.Insutype).ThenByDescending(p => p.Year)
            .Select(p => new { p.Area, p.Insutype, p.Year, p.Revision, p.LoadedAt })
            .ToListAsync(cancellationToken);
        var drafts = (await db.PolicyDrafts.AsNoTracking()
            .Where(d => d.Status == DraftStatus.Draft)
            .Select(d => new { d.Area, d.Insutype, d.Year, Summary = new DraftSummary(d.Id, d.BaseRevision, d.Status, d.CreatedBy, d.UpdatedAt) })
            .ToListAsync(cancellationToken))
            .ToLookup(d => (d.Area, d.Insutype, d.Year), d => d.Summary);
        return [.. policies.Select(p => new PolicySummary(p.Area, p.Insutype, p.Year, p.Revision, p.LoadedAt, [.. drafts[(p.Area, p.Insutype, p.Year)].OrderBy(d => d.Id)]))];
    }
}
