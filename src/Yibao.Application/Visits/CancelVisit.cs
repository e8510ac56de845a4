using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Visits;

/// <summary>Withdraws an open visit and its fee lines (2202).</summary>
public sealed record CancelVisit(string MdtrtId, VisitScope Scope = default);

public sealed class CancelVisitHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<VisitRow>> HandleAsync(CancelVisit command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await db.FindAsync(command.MdtrtId, command.Scope, track: true, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var visit = found.Value;
        if (visit.Move(VisitEvent.Cancel) is { } refused)
        {
            return refused;
        }

        foreach (var line in await db.FeeLines.Where(l => l.MdtrtId == visit.MdtrtId && !l.Cancelled).ToListAsync(ct))
        {
            line.Cancelled = true;
        }

        db.Record(calendar.Clock.GetUtcNow(), visit.FixmedinsCode, "visit.cancel", "visit", visit.MdtrtId);
        return visit;
    }
}
