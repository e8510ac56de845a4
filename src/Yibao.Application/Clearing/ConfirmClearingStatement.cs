using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Clearing;
using Yibao.Storage;

namespace Yibao.Application.Clearing;

/// <summary>An area confirms its statement for the month; when the last area has, the month closes and never changes again.</summary>
public sealed record ConfirmClearingStatement(string Month, string Area, string Actor);

public sealed class ConfirmClearingStatementHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<ClearingStatementView>> HandleAsync(ConfirmClearingStatement command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var month = ClearingMonth.Parse(command.Month);
        if (!month.IsSuccess)
        {
            return month.Error;
        }

        var key = month.Value.ToString();
        var row = await db.ClearingMonths.FirstOrDefaultAsync(m => m.Month == key, ct);
        if (row is null)
        {
            return ClearingErrors.NotFound.With($"{key} has not been cleared: run it first");
        }

        var positions = await db.ClearingPositions.Where(p => p.Month == key).ToListAsync(ct);
        var status = ClearingStatement.Confirm(month.Value, command.Area, positions.ToDictionary(p => p.Area, p => p.ConfirmedAt is not null, StringComparer.Ordinal));
        if (!status.IsSuccess)
        {
            return status.Error;
        }

        var now = calendar.Clock.GetUtcNow();
        var position = positions.Single(p => p.Area == command.Area);
        (position.ConfirmedAt, position.ConfirmedBy) = (now, command.Actor);
        (row.Status, row.Version) = (status.Value, row.Version + 1);
        row.ClosedAt = status.Value == ClearingMonthStatus.Closed ? now : null;
        db.Record(now, command.Actor, "clearing.confirm", "clearing", key, $"area {command.Area} confirmed: owes {position.Owes}, owed {position.Owed}; the month is {status.Value}");
        var pairs = await db.ClearingPairs.AsNoTracking().Where(p => p.Month == key).ToListAsync(ct);
        return ClearingViews.Statement(row, pairs, positions, await ClearingViews.AreaNamesAsync(db, ct));
    }
}
