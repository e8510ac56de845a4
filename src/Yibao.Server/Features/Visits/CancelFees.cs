using Microsoft.EntityFrameworkCore;
using Yibao.Server.Features.Settlements;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Visits;

/// <summary>Withdraws every unsettled fee line of an open visit (the lines stay, marked cancelled, for the audit trail).</summary>
internal static class CancelFees
{
    public static Task<IResult> HandleAsync(string mdtrtId, HttpContext http, IdempotentWrites writes, YibaoDbContext db, AgencyCalendar calendar) =>
        writes.RunAsync(http, new { mdtrtId }, ct => CancelCoreAsync(mdtrtId, db, calendar, ct));

    public static async Task<Reply> CancelCoreAsync(string mdtrtId, YibaoDbContext db, AgencyCalendar calendar, CancellationToken ct)
    {
        var visit = await db.Visits.FirstOrDefaultAsync(v => v.MdtrtId == mdtrtId, ct);
        if (visit is null)
        {
            return ClaimErrors.VisitNotFound(mdtrtId);
        }

        if (visit.Status != VisitStatus.Registered)
        {
            return ClaimErrors.VisitNotOpen(mdtrtId, visit.Status);
        }

        var lines = await db.FeeLines.Where(l => l.MdtrtId == mdtrtId && !l.Cancelled).ToListAsync(ct);
        foreach (var line in lines)
        {
            line.Cancelled = true;
        }

        db.Record(calendar.Clock.GetUtcNow(), visit.FixmedinsCode, "fees.cancel", "visit", mdtrtId, $"{lines.Count} lines");
        return Reply.Ok(new CancelFeesResponse(mdtrtId, lines.Count));
    }
}
