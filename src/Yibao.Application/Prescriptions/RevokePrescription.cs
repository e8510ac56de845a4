using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;

namespace Yibao.Application.Prescriptions;

/// <summary><c>rxUndo</c>: the prescribing doctor revokes a prescription, with the reason.</summary>
public sealed record RevokePrescription(string FixmedinsCode, string HiRxno, string? DrCode, string? UndoDrName, string? UndoRea);

/// <summary>Revokes a prescription not yet being dispensed; once a pharmacy holds it or dispensed it, it is refused.</summary>
public sealed class RevokePrescriptionHandler(YibaoDbContext db, TimeProvider clock, WriteGate gate, PrescriptionJournal journal)
{
    public async Task<Result<UploadedPrescription>> HandleAsync(RevokePrescription command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await db.InTransactionAsync<UploadedPrescription>(gate, async () =>
        {
            var rx = await db.Prescriptions.FirstOrDefaultAsync(p => p.HiRxno == command.HiRxno && p.FixmedinsCode == command.FixmedinsCode, ct);
            if (rx is null)
            {
                return RxErrors.NotFound.With($"{command.FixmedinsCode} has no prescription {command.HiRxno}");
            }

            if (RxStates.Move(rx, RxEvent.Revoke, clock.GetUtcNow()) is { } refused)
            {
                return refused;
            }

            journal.Moved(rx, RxActor.Institution(command.FixmedinsCode, "epc"), "revoke", $"by {command.UndoDrName ?? command.DrCode}: {command.UndoRea}");
            return new UploadedPrescription(rx.HiRxno, "3", "revoked");
        }, ct);
    }
}
