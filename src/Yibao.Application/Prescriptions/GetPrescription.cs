using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>A prescription, its history and its dispensing (<c>hospRxDetlQuery</c>, <c>rxChkInfoQuery</c>, <c>rxSetlInfoQuery</c>; the phone and console pages).</summary>
public sealed record GetPrescription(string HiRxno, Viewer Viewer);

/// <summary>A prescription as read: its state as shown, its drugs, its history, its last dispensing and packs, and whether it still verifies (<paramref name="Seal"/> null).</summary>
public sealed record PrescriptionView(
    PrescriptionRow Prescription,
    RxStatus Shown,
    IReadOnlyList<PrescribedDrug> Drugs,
    JsonObject Content,
    string InstitutionName,
    IReadOnlyList<PrescriptionEventRow> History,
    SettlementRow? Settlement,
    IReadOnlyList<FeeLineRow> Dispensed,
    IReadOnlyList<DrugTraceRow> Packs,
    DomainError? Seal);

/// <summary>
/// Reads a prescription for whoever may see it: its prescriber, the pharmacy that holds or
/// dispensed it, its patient, staff. Every read checks the signature against the content: an
/// institution is refused a prescription that no longer verifies (and that is recorded); the patient
/// and staff see it marked. Reads by institutions and staff leave an access record.
/// </summary>
public sealed class GetPrescriptionHandler(YibaoDbContext db, GetPlatformCertificateHandler platform, PrescriptionJournal journal, TimeProvider clock, WriteGate gate)
{
    public async Task<Result<PrescriptionView>> HandleAsync(GetPrescription command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var viewer = command.Viewer;
        var rx = await db.Prescriptions.AsNoTracking().FirstOrDefaultAsync(p => p.HiRxno == command.HiRxno, ct);
        var settlement = rx?.SetlId is { } setlId ? await db.Settlements.AsNoTracking().FirstOrDefaultAsync(s => s.SetlId == setlId, ct) : null;
        var visible = rx is not null && viewer.Kind switch
        {
            "institution" => rx.FixmedinsCode == viewer.Id || rx.HeldBy == viewer.Id || settlement?.FixmedinsCode == viewer.Id,
            "person" => rx.PsnNo == viewer.Id,
            _ => true,
        };
        if (!visible)
        {
            return RxErrors.NotFound.With($"there is no prescription {command.HiRxno} of yours");
        }

        var seal = rx!.SignDigest is null ? null : await CheckAsync(rx, ct);
        if (seal is not null && viewer.Kind == "institution")
        {
            journal.Refused(rx.HiRxno, new RxActor(viewer.Kind, viewer.Id, viewer.Door), seal);
            await SaveAsync(ct);
            return seal;
        }

        var history = await db.PrescriptionEvents.AsNoTracking().Where(e => e.HiRxno == rx.HiRxno).OrderBy(e => e.Id).ToListAsync(ct);
        var dispensed = settlement is null ? [] : await db.FeeLines.AsNoTracking().Where(l => l.MdtrtId == settlement.MdtrtId && !l.Cancelled).OrderBy(l => l.Id).ToListAsync(ct);
        var packs = await db.DrugTraces.AsNoTracking().Where(t => t.HiRxno == rx.HiRxno).OrderBy(t => t.DrugTracCodg).ToListAsync(ct);
        var name = await db.Institutions.AsNoTracking().Where(i => i.FixmedinsCode == rx.FixmedinsCode).Select(i => i.Name).FirstAsync(ct);
        var content = PrescriptionContent.Of(rx);
        if (viewer.Kind != "person")
        {
            db.PersonAccessRecords.Add(new PersonAccessRow { At = clock.GetUtcNow(), ActorKind = viewer.Kind, Actor = viewer.Id, PsnNo = rx.PsnNo, Door = viewer.Door, Purpose = "rx-read" });
            await SaveAsync(ct);
        }

        return new PrescriptionView(rx, RxStates.Shown(rx, clock.GetUtcNow()), PrescriptionDocument.Drugs(content), content, name, history, settlement, dispensed, packs, seal);
    }

    private async Task<DomainError?> CheckAsync(PrescriptionRow rx, CancellationToken ct)
    {
        var pem = await platform.HandleAsync(new GetPlatformCertificate(), ct);
        return pem.IsSuccess ? PrescriptionSeal.Check(rx, pem.Value) : pem.Error;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        using var entered = await gate.EnterAsync(db, ct);
        await journal.FlushAsync(ct);
        await db.SaveChangesAsync(ct);
    }
}
