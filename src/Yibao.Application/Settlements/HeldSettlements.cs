using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Settlements;

/// <summary>A held settlement, paid: it commits, dated <paramref name="At"/>. The ledger already carries it.</summary>
public sealed record CommitHeldSettlement(string SetlId, DateTimeOffset At, string AuditDetail);

/// <summary>A held settlement let go: what it took goes back to the ledger, once.</summary>
public sealed record ReleaseHeldSettlement(string SetlId, DateTimeOffset At);

/// <summary>
/// The settlement side of a payment order's end. The caller (the order's use case) holds the person's
/// ledger lock and changes the order in the same transaction, so each happens exactly once.
/// </summary>
public sealed class HeldSettlementsHandler(YibaoDbContext db, AgencyCalendar calendar, Prescriptions.PrescriptionClaims prescriptions)
{
    public async Task<DomainError?> HandleAsync(CommitHeldSettlement command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var settlement = await db.Settlements.FirstAsync(s => s.SetlId == command.SetlId, ct);
        if (settlement.Move(SettlementEvent.Commit) is { } refused)
        {
            return refused;
        }

        settlement.SettledAt = command.At;
        settlement.SettlementDate = calendar.DateOf(command.At);
        var visit = await db.Visits.FirstAsync(v => v.MdtrtId == settlement.MdtrtId, ct);
        db.Record(command.At, settlement.FixmedinsCode, "settlement.settle", "settlement", settlement.SetlId, command.AuditDetail);
        return visit.Move(VisitEvent.Commit);
    }

    /// <summary>Releases the hold; <paramref name="ledger"/> is the person's, locked by the caller.</summary>
    public async Task<Result<SettlementRow>> HandleAsync(ReleaseHeldSettlement command, ILedgerLock ledger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(ledger);
        var settlement = await db.Settlements.FirstAsync(s => s.SetlId == command.SetlId, ct);
        if (settlement.Move(SettlementEvent.Release) is { } refused)
        {
            return refused;
        }

        if (await ledger.GiveBackAsync(SettlementRows.EntryOf(settlement), settlement.SetlId, ct) is { } notGivenBack)
        {
            return notGivenBack;
        }

        settlement.CancelledAt = command.At;
        await prescriptions.ReopenAsync(settlement, "payment", ct);
        var visit = await db.Visits.FirstAsync(v => v.MdtrtId == settlement.MdtrtId, ct);
        return visit.Move(VisitEvent.Release) is { } notReleased ? notReleased : settlement;
    }
}
