using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;
using Yibao.Storage;

namespace Yibao.Application.Policies;

/// <summary>One revision of a policy as it was loaded.</summary>
public sealed record PolicyRevision(int Revision, Policy Policy, string LoadedBy, DateTimeOffset LoadedAt);

/// <summary>A policy's revisions, newest first, and every draft taken from it.</summary>
public sealed record PolicyHistory(string Area, string Insutype, int Year, IReadOnlyList<PolicyRevision> Revisions, IReadOnlyList<DraftSummary> Drafts);

/// <summary>A policy's history: what the console lays side by side.</summary>
public sealed record GetPolicyHistory(string Area, string Insutype, int Year);

public sealed class GetPolicyHistoryHandler(YibaoDbContext db)
{
    public async Task<Result<PolicyHistory>> HandleAsync(GetPolicyHistory command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (area, insutype, year) = command;
        var rows = await db.PolicyRevisions.AsNoTracking()
            .Where(r => r.Area == area && r.Insutype == insutype && r.Year == year)
            .OrderByDescending(r => r.Revision)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return PolicyDraftErrors.PolicyNotFound.With($"there is no policy for {area}/{insutype}/{year}");
        }

        var drafts = await db.PolicyDrafts.AsNoTracking()
            .Where(d => d.Area == area && d.Insutype == insutype && d.Year == year)
            .OrderByDescending(d => d.Id)
            .Select(d => new DraftSummary(d.Id, d.BaseRevision, d.Status, d.CreatedBy, d.UpdatedAt))
            .ToListAsync(cancellationToken);

        // Stored documents were validated when loaded.
        var revisions = rows.Select(r => new PolicyRevision(r.Revision, PolicyJson.Read(r.Document).Value, r.LoadedBy, r.LoadedAt)).ToList();
        return new PolicyHistory(area, insutype, year, revisions, drafts);
    }
}
