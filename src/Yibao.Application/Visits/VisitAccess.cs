using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Visits;

/// <summary>Who is asking about a visit: the calling institution (null for the agency) and, when it names one, the visit's person.</summary>
public readonly record struct VisitScope(string? Institution, string? PsnNo)
{
    public static VisitScope Agency => default;
}

/// <summary>A visit with its fee lines, as one query read them.</summary>
public sealed record VisitWithLines(VisitRow Visit, IReadOnlyList<FeeLineRow> Lines);

/// <summary>Finding a visit as its caller may see it, and moving it through its lifecycle.</summary>
public static class VisitAccess
{
    /// <summary>The visit, if the scope may see it: another institution's visit does not exist for the caller.</summary>
    public static async Task<Result<VisitRow>> FindAsync(this YibaoDbContext db, string mdtrtId, VisitScope scope, bool track, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visits = track ? db.Visits : db.Visits.AsNoTracking();
        var visit = await visits.FirstOrDefaultAsync(v => v.MdtrtId == mdtrtId, ct);
        return Check(visit, mdtrtId, scope);
    }

    /// <summary>
    /// The visit, if the scope may see it, untracked, with all its fee lines (cancelled ones too) in
    /// upload order: one round trip for what an upload or a claim needs.
    /// </summary>
    public static async Task<Result<VisitWithLines>> FindWithLinesAsync(this YibaoDbContext db, string mdtrtId, VisitScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var read = await db.Visits.AsNoTracking().Where(v => v.MdtrtId == mdtrtId)
            .Select(v => new VisitWithLines(v, db.FeeLines.Where(l => l.MdtrtId == v.MdtrtId).OrderBy(l => l.Id).ToList()))
            .FirstOrDefaultAsync(ct);
        var found = Check(read?.Visit, mdtrtId, scope);
        return found.IsSuccess ? read! : found.Error;
    }

    public static Result<VisitRow> Check(VisitRow? visit, string mdtrtId, VisitScope scope)
    {
        if (visit is null || (scope.Institution is { } institution && visit.FixmedinsCode != institution))
        {
            return VisitErrors.NotFound(mdtrtId, scope.Institution);
        }

        return scope.PsnNo is { } psnNo && visit.PsnNo != psnNo ? VisitErrors.PersonMismatch(mdtrtId, psnNo) : visit;
    }

    /// <summary>
    /// An open visit, ready to be claimed: refused when it is not open; the medical type the claim
    /// names (an implicit 2203) becomes the visit's.
    /// </summary>
    public static DomainError? OpenForClaim(this YibaoDbContext db, VisitRow visit, string? medType, AgencyCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return VisitLifecycle.NotOpen(visit.MdtrtId, visit.Status)
            ?? (medType is null ? null : UpdateVisitInfoHandler.Name(db, visit, medType, null, calendar));
    }

    /// <summary>The only way a visit's status changes: by its lifecycle.</summary>
    public static DomainError? Move(this VisitRow visit, VisitEvent @event)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var next = VisitLifecycle.Next(visit.MdtrtId, visit.Status, @event);
        if (!next.IsSuccess)
        {
            return next.Error;
        }

        visit.Status = next.Value;
        return null;
    }
}
