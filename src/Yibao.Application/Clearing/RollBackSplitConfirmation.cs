using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Clearing;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Clearing;

/// <summary>3262: an institution rolls back its confirmation of a month's split, named by the 3261's message id (<c>otransid</c>).</summary>
public sealed record RollBackSplitConfirmation(string FixmedinsCode, string OtransId);

/// <summary>Rolls back a standing confirmation of the institution's own, unless the month's clearing is closed.</summary>
public sealed class RollBackSplitConfirmationHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<SplitConfirmationRow>> HandleAsync(RollBackSplitConfirmation command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var row = await db.SplitConfirmations.FirstOrDefaultAsync(c => c.FixmedinsCode == command.FixmedinsCode && c.MsgId == command.OtransId, ct);
        if (row is null || row.RolledBackAt is not null)
        {
            return ClearingErrors.NotFound.With($"there is no standing confirmation {command.OtransId} of yours");
        }

        if (await db.ClearingMonths.AnyAsync(m => m.Month == row.Month && m.Status == ClearingMonthStatus.Closed, ct))
        {
            return ClearingErrors.AlreadyConfirmed.With($"the clearing of {row.Month} is closed: its confirmations stand");
        }

        var now = calendar.Clock.GetUtcNow();
        row.RolledBackAt = now;
        db.Record(now, command.FixmedinsCode, "clearing.split-rollback", "clearing", row.Month, $"confirmation {row.MsgId} rolled back");
        return row;
    }
}
