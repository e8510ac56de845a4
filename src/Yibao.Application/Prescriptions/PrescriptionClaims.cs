using Microsoft.EntityFrameworkCore;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>A claim that dispenses a prescription: settled at its prescriber's level, under its visit's medical type.</summary>
public sealed record RxClaim(string HiRxno, int PrescriberLevel, string MedType);

/// <summary>
/// The prescription side of a pharmacy's settlement (2206, 2207, 6201): a claim whose lines name a
/// circulated prescription (<c>rxno</c>, <c>rx_circ_flag</c> 1) dispenses that prescription, which
/// the pharmacy must hold (7203), whose signature must still verify, which must have passed the
/// pharmacy's review (before settlement), and of which only the prescribed drugs, in at most the
/// prescribed quantities, may be settled. Settling dispenses it; cancelling or releasing the
/// settlement reopens it.
/// </summary>
public sealed class PrescriptionClaims(YibaoDbContext db, GetPlatformCertificateHandler platform, PrescriptionJournal journal, TimeProvider clock)
{
    /// <summary>The prescription the claim dispenses (null: none), or the refusal.</summary>
    public async Task<(RxClaim? Claim, DomainError? Error)> ResolveAsync(VisitRow visit, IReadOnlyList<FeeLineRow> lines, ClaimStage stage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(lines);
        var named = lines.Where(l => l.RxCircFlag).Select(l => l.Rxno ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            return (null, null);
        }

        if (named.Count > 1 || named[0].Length == 0 || lines.Any(l => !l.RxCircFlag))
        {
            return (null, RxErrors.MixedClaim.With("a claim dispenses one circulated prescription: every line names the same rxno with rx_circ_flag 1"));
        }

        var actor = RxActor.Institution(visit.FixmedinsCode, "gateway");
        var rx = await db.Prescriptions.AsNoTracking().FirstOrDefaultAsync(p => p.HiRxno == named[0], ct);
        if (rx is null)
        {
            return (null, RxErrors.NotFound.With($"there is no prescription {named[0]}"));
        }

        if (rx.PsnNo != visit.PsnNo)
        {
            return (null, journal.Refused(rx.HiRxno, actor, PrescriptionFraudErrors.NotOwnPatient.With($"prescription {rx.HiRxno} is not visit {visit.MdtrtId}'s patient's")));
        }

        if (RxStates.Parse(rx.Status) == RxStatus.Uploaded)
        {
            return (null, RxErrors.NotHeld.With($"prescription {rx.HiRxno} is not being dispensed by {visit.FixmedinsCode}: download it first (7203)"));
        }

        if (RxStates.Move(rx, RxEvent.Dispense, clock.GetUtcNow(), visit.FixmedinsCode) is { } refused)
        {
            return (null, PrescriptionFraudErrors.Codes.Contains(refused.Code) ? journal.Refused(rx.HiRxno, actor, refused) : refused);
        }

        var pem = await platform.HandleAsync(new GetPlatformCertificate(), ct);
        if (pem.IsSuccess && PrescriptionSeal.Check(rx, pem.Value) is { } broken)
        {
            return (null, journal.Refused(rx.HiRxno, actor, broken));
        }

        var drugs = PrescriptionContent.Drugs(rx);
        if (PrescriptionDispensing.CheckLines(rx.HiRxno, lines.Select(l => new DispensedLine(l.Code, l.Qty)), [.. drugs]) is { } fraud)
        {
            return (null, journal.Refused(rx.HiRxno, actor, fraud));
        }

        if (stage == ClaimStage.Settlement && rx.RxChkStasCodg != "1")
        {
            return (null, RxErrors.NotReviewed.With($"prescription {rx.HiRxno} needs the pharmacist's passing review (7204) before it is settled"));
        }

        return (new RxClaim(rx.HiRxno, rx.PrescriberLevel, rx.MedType), null);
    }

    /// <summary>Stages the dispensing of the claim's prescription by its settlement, with the caller's save.</summary>
    public async Task<DomainError?> DispenseAsync(RxClaim claim, string pharmacy, string setlId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var rx = await db.Prescriptions.FirstAsync(p => p.HiRxno == claim.HiRxno, ct);
        if (RxStates.Move(rx, RxEvent.Dispense, clock.GetUtcNow(), pharmacy) is { } refused)
        {
            return refused;
        }

        rx.SetlId = setlId;
        journal.Moved(rx, RxActor.Institution(pharmacy, "gateway"), "dispense", $"settlement {setlId}");
        return null;
    }

    /// <summary>Stages the reopening of the prescription a cancelled or released settlement dispensed, if any.</summary>
    public async Task ReopenAsync(SettlementRow settlement, string door, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var dispensed = RxStatus.Dispensed.ToName();
        var rx = await db.Prescriptions.FirstOrDefaultAsync(p => p.SetlId == settlement.SetlId && p.Status == dispensed, ct);
        if (rx is not null && RxStates.Move(rx, RxEvent.Reopen, clock.GetUtcNow(), settlement.FixmedinsCode) is null)
        {
            journal.Moved(rx, RxActor.Institution(settlement.FixmedinsCode, door), "reopen", $"settlement {settlement.SetlId} cancelled");
        }
    }
}
