using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>7203: a pharmacy downloads a prescription to dispense it, with an <c>epc_token</c>, an <c>auth_rxno</c> or the patient's ecToken (<paramref name="HiRxno"/> then names it).</summary>
public sealed record DownloadPrescription(string Pass, string? HiRxno, string Pharmacy);

/// <summary>A prescription as a pharmacy dispenses it: the row, its drugs, and what a pharmacy needs to verify the signature itself.</summary>
public sealed record DownloadedPrescription(PrescriptionRow Prescription, IReadOnlyList<PrescribedDrug> Drugs, string InstitutionName);

/// <summary>
/// Hands the prescription to the pharmacy only for a pass of its own patient, once it still verifies
/// against its signature, and holds it for that pharmacy (dispensing): of two pharmacies at the same
/// moment, one wins, by a conditional update on the prescription's version. Another person's pass,
/// a changed prescription, a second dispensing, expiry and revocation are refused and recorded.
/// </summary>
public sealed class DownloadPrescriptionHandler(YibaoDbContext db, GetPlatformCertificateHandler platform, PrescriptionJournal journal, TimeProvider clock)
{
    public async Task<Result<DownloadedPrescription>> HandleAsync(DownloadPrescription command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var actor = RxActor.Institution(command.Pharmacy, "gateway");
        var holder = await PrescriptionPasses.FindAsync(db, command.Pass, command.Pharmacy, now, ct);
        if (holder is not { } pass)
        {
            return RxErrors.PassInvalid.With("epc_token or auth_rxno is not a live pass issued to this pharmacy");
        }

        var hiRxno = command.HiRxno ?? pass.Pass?.HiRxno;
        if (hiRxno is null)
        {
            return PrescriptionReviewErrors.Invalid.With("hi_rxno is required with an e-certificate token");
        }

        if (pass.Pass is { Kind: PrescriptionPasses.AuthRxno } auth && (auth.UsedAt is not null || auth.HiRxno != hiRxno))
        {
            return auth.UsedAt is not null ? RxErrors.PassUsed.With("auth_rxno was already used: query the prescriptions again (7202)") : RxErrors.PassInvalid.With($"auth_rxno is not for {hiRxno}");
        }

        var rx = await db.Prescriptions.AsNoTracking().FirstOrDefaultAsync(p => p.HiRxno == hiRxno, ct);
        if (rx is null)
        {
            return RxErrors.NotFound.With($"there is no prescription {hiRxno}");
        }

        if (rx.PsnNo != pass.PsnNo)
        {
            return journal.Refused(rx.HiRxno, actor, PrescriptionFraudErrors.NotOwnPatient.With($"prescription {rx.HiRxno} is not the pass holder's: it is dispensed only to its own patient"));
        }

        var pem = await platform.HandleAsync(new GetPlatformCertificate(), ct);
        if (!pem.IsSuccess)
        {
            return pem.Error;
        }

        if (PrescriptionSeal.Check(rx, pem.Value) is { } broken)
        {
            return journal.Refused(rx.HiRxno, actor, broken);
        }

        var version = rx.Version;
        if (RxStates.Move(rx, RxEvent.Download, now, command.Pharmacy) is { } refused)
        {
            return PrescriptionFraudErrors.Codes.Contains(refused.Code) ? journal.Refused(rx.HiRxno, actor, refused) : refused;
        }

        // Of two pharmacies at once, the second's update finds the version moved on and changes nothing.
        var moved = await db.Prescriptions.Where(p => p.HiRxno == rx.HiRxno && p.Version == version)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, rx.Status).SetProperty(p => p.HeldBy, rx.HeldBy).SetProperty(p => p.HeldSince, rx.HeldSince).SetProperty(p => p.Version, version + 1), ct);
        if (moved == 0)
        {
            return journal.Refused(rx.HiRxno, actor, PrescriptionErrors.HeldElsewhere.With($"prescription {rx.HiRxno} was taken by another pharmacy a moment ago"));
        }

        journal.Moved(rx, actor, "download", pass.Pass?.Kind ?? "ecToken");
        if (pass.Pass is { Kind: PrescriptionPasses.AuthRxno } used)
        {
            used.UsedAt = now;
        }

        var name = await db.Institutions.AsNoTracking().Where(i => i.FixmedinsCode == rx.FixmedinsCode).Select(i => i.Name).FirstAsync(ct);
        db.PersonAccessRecords.Add(new PersonAccessRow { At = now, ActorKind = "institution", Actor = command.Pharmacy, PsnNo = rx.PsnNo, Door = "gateway", Purpose = "rx-download" });
        return new DownloadedPrescription(rx, PrescriptionContent.Drugs(rx), name);
    }
}
