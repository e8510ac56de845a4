using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlements;

/// <summary>Undoes a cancellation (the reversal of a 2208 by 2601).</summary>
public sealed record RestoreSettlement(string SetlId, string? Institution = null);

/// <summary>
/// Puts back exactly what the settlement took. Only possible while nothing else has touched the
/// person's money since the cancellation, because a settlement in between was computed on the
/// restored amounts and would no longer add up.
/// </summary>
public sealed class RestoreSettlementHandler(YibaoDbContext db, IPersonLedger ledgers, AgencyCalendar calendar)
{
    public async Task<Result<SettlementRow>> HandleAsync(RestoreSettlement command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var locked = await SettlementAccess.LockAsync(db, ledgers, command.SetlId, command.Institution, ct);
        if (!locked.IsSuccess)
        {
            return locked.Error;
        }

        var (settlement, ledger) = locked.Value;
        if (SettlementLifecycle.Next(settlement.SetlId, settlement.Status, SettlementEvent.Restore).Error is { } notCancelled)
        {
            return notCancelled;
        }

        var cancelledAt = settlement.CancelledAt ?? throw new InvalidOperationException($"cancelled settlement {settlement.SetlId} has no cancellation time");

        // Compared in memory: a person's settlements are few, and SQLite cannot compare instants.
        var others = await db.Settlements.AsNoTracking().Where(s => s.PsnNo == settlement.PsnNo && s.SetlId != settlement.SetlId)
            .Select(s => new { s.SettledAt, s.CancelledAt }).ToListAsync(ct);
        var visit = await db.Visits.FirstAsync(v => v.MdtrtId == settlement.MdtrtId, ct);
        // A dispensing's cancellation reopened its prescription, which may have been dispensed since: it is settled afresh, never restored.
        if (visit.Status != VisitStatus.Registered || others.Any(o => o.SettledAt > cancelledAt || o.CancelledAt > cancelledAt)
            || await db.FeeLines.AnyAsync(l => l.MdtrtId == settlement.MdtrtId && l.RxCircFlag && !l.Cancelled, ct))
        {
            return SettlementErrors.ReversalNotPossible(settlement.SetlId);
        }

        settlement.Move(SettlementEvent.Restore);
        visit.Move(VisitEvent.Restore);
        if (await ledger.TakeAsync(SettlementRows.EntryOf(settlement), settlement.SetlId, ct) is { } notTaken)
        {
            return notTaken;
        }

        settlement.CancelledAt = null;
        settlement.CancellationDate = null;
        db.Record(calendar.Clock.GetUtcNow(), settlement.FixmedinsCode, "settlement.restore", "settlement", settlement.SetlId, "cancellation reversed");
        return settlement;
    }
}
