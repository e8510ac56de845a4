using Yibao.Application.Ledger;
using Yibao.Application.Settlements.Checks;
using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Settlements;

/// <summary>
/// Settles a visit (2207), or with <paramref name="Hold"/> holds its settlement for a payment order:
/// pending, its effects on the ledger taken at once, the visit waiting for payment.
/// </summary>
public sealed record SettleVisit(string MdtrtId, ClaimTerms Terms, VisitScope Scope = default, bool Hold = false);

/// <summary>
/// Computes the settlement under the person's ledger lock, then stages it with its ledger entry and
/// the visit's move, inside the caller's transaction: concurrent claims of one person take turns, so
/// the account is never overdrawn and the cap never passed.
/// </summary>
public sealed class SettleVisitHandler(YibaoDbContext db, ClaimPreparation claims, IPersonLedger ledgers, AgencyCalendar calendar, Prescriptions.PrescriptionClaims prescriptions, Supervision.ClaimFindings findings, Federation.InsuredNodes insuredNodes)
{
    public async Task<Result<SettlementRow>> HandleAsync(SettleVisit command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        // The visit's person's ledger is locked first; everything about their money and the visit is read after, so it is current.
        var locked = await ledgers.LockForVisitAsync(command.MdtrtId, ct);
        if (locked is null || (command.Scope.Institution is { } institution && locked.FixmedinsCode != institution))
        {
            return VisitErrors.NotFound(command.MdtrtId, command.Scope.Institution);
        }

        var ledger = locked.Ledger;
        var found = await claims.FindAsync(command.MdtrtId, command.Scope, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var visit = found.Value.Visit;
        if (db.OpenForClaim(visit, command.Terms.MedType, calendar) is { } closed)
        {
            return closed;
        }

        // A person insured on another node has phase 2 there, which takes the entry from their ledger as the settlement's id.
        var setlId = Ids.New("ST", calendar.Now);
        var remote = ledger as RemoteLedgerLock;
        var claim = remote is not null
            ? await claims.ComputeAsync(found.Value, command.Terms, ClaimStage.Settlement, remote.PhaseTwo(setlId, take: true), ct)
            : await claims.ComputeAsync(found.Value, command.Terms, ClaimStage.Settlement, ledger.Ledger, ledger.Insured, ct);
        if (!claim.IsSuccess)
        {
            return claim.Error;
        }

        var settlement = SettlementRows.Build(claim.Value, SettlementLifecycle.Initial(command.Hold), calendar, setlId);
        if (await RecordAsync(command, visit, settlement, claim.Value, ledger, ct) is { } refused)
        {
            if (remote is not null)
            {
                await insuredNodes.AbortAsync(setlId, ledger.Insured.Area, ct);
            }

            return refused;
        }

        return settlement;
    }

    private async Task<DomainError?> RecordAsync(SettleVisit command, VisitRow visit, SettlementRow settlement, ComputedClaim claim, ILedgerLock ledger, CancellationToken ct)
    {
        db.Settlements.Add(settlement);
        if (!claim.TakenAtInsuredNode && await ledger.TakeAsync(SettlementRows.EntryOf(settlement), settlement.SetlId, ct) is { } notTaken)
        {
            return notTaken;
        }

        if (visit.Move(command.Hold ? VisitEvent.Hold : VisitEvent.Settle) is { } refused)
        {
            return refused;
        }

        if (claim.Prescription is { } rx && await prescriptions.DispenseAsync(rx, visit.FixmedinsCode, settlement.SetlId, ct) is { } notDispensed)
        {
            return notDispensed;
        }

        findings.Keep(db, settlement);
        var result = claim.Result;
        db.Record(calendar.Clock.GetUtcNow(), visit.FixmedinsCode, command.Hold ? "settlement.hold" : "settlement.settle", "settlement", settlement.SetlId,
            $"fund {result.FundPaySumamt}, account {result.AcctPay}, cash {result.PsnCashPay}");
        return null;
    }
}
