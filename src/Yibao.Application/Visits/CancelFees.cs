using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;

namespace Yibao.Application.Visits;

/// <summary>Withdraws every unsettled fee line of an open visit (2205); the lines stay, marked cancelled, for the audit trail.</summary>
public sealed record CancelFees(string MdtrtId, VisitScope Scope = default);

public sealed class CancelFeesHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    /// <summary>How many lines were withdrawn.</summary>
    public async Task<Result<int>> HandleAsync(CancelFees command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await db.FindAsync(command.MdtrtId, command.Scope, track: false, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var visit = found.Value;
        if (VisitLifecycle.NotOpen(visit.MdtrtId, visit.Status) is { } closed)
        {
            return closed;
        }

        var lines = await db.FeeLines.Where(l => l.MdtrtId == visit.MdtrtId && !l.Cancelled).ToListAsync(ct);
        foreach (var line in lines)
        {
            line.Cancelled = true;
        }

        db.Record(calendar.Clock.GetUtcNow(), visit.FixmedinsCode, "fees.cancel", "visit", visit.MdtrtId, $"{lines.Count} lines");
        return lines.Count;
    }
}
