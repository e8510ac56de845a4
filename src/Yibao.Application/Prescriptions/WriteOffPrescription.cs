using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>One dispensed pack: its drug and its 20-digit traceability code.</summary>
public sealed record DispensedPack(string MedListCodg, string DrugTracCodg);

/// <summary>7206: the pharmacy writes the prescription off after its settlement (<c>setl_id</c>), naming each pack's traceability code.</summary>
public sealed record WriteOffPrescription(string HiRxno, string Pharmacy, string SetlId, IReadOnlyList<DispensedPack> Packs);

/// <summary>
/// Writes off a prescription the pharmacy dispensed under that settlement: settled, or back in
/// circulation when it may be dispensed again (<c>maxReptCnt</c>). Each pack's traceability code is
/// kept; a pack already dispensed is refused, as a pack is sold once.
/// </summary>
public sealed partial class WriteOffPrescriptionHandler(YibaoDbContext db, PrescriptionJournal journal, TimeProvider clock)
{
    public async Task<Result<PrescriptionRow>> HandleAsync(WriteOffPrescription command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var held = await HeldPrescriptions.FindAsync(db, command.HiRxno, command.Pharmacy, ct);
        if (!held.IsSuccess)
        {
            return held.Error;
        }

        var rx = held.Value;
        var settled = await db.Settlements.AsNoTracking().AnyAsync(s => s.SetlId == command.SetlId && s.FixmedinsCode == command.Pharmacy && s.Status == SettlementStatus.Settled, ct);
        if (!settled || rx.SetlId != command.SetlId)
        {
            return RxErrors.NotHeld.With($"settlement {command.SetlId} is not this pharmacy's settled dispensing of {rx.HiRxno}");
        }

        if (command.Packs.FirstOrDefault(p => !TraceCode().IsMatch(p.DrugTracCodg)) is { } bad)
        {
            return RxErrors.DrugTraceCodeInvalid.With($"{bad.MedListCodg}: drug_trac_codg {bad.DrugTracCodg} is not 20 digits");
        }

        var drugs = PrescriptionContent.Drugs(rx).Select(d => d.MedListCodg).ToHashSet(StringComparer.Ordinal);
        if (command.Packs.FirstOrDefault(p => !drugs.Contains(p.MedListCodg)) is { } stranger)
        {
            return journal.Refused(rx.HiRxno, RxActor.Institution(command.Pharmacy, "gateway"), PrescriptionFraudErrors.DrugNotPrescribed.With($"{stranger.MedListCodg} is not on prescription {rx.HiRxno}"));
        }

        var codes = command.Packs.Select(p => p.DrugTracCodg).ToList();
        if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Count || await db.DrugTraces.AnyAsync(t => codes.Contains(t.DrugTracCodg), ct))
        {
            return RxErrors.DrugTraceCodeUsed.With("a pack's traceability code was already dispensed: a pack is sold once");
        }

        var now = clock.GetUtcNow();
        if (RxStates.Move(rx, RxEvent.WriteOff, now, command.Pharmacy) is { } refused)
        {
            return refused;
        }

        foreach (var pack in command.Packs)
        {
            db.DrugTraces.Add(new DrugTraceRow { DrugTracCodg = pack.DrugTracCodg, HiRxno = rx.HiRxno, SetlId = command.SetlId, FixmedinsCode = command.Pharmacy, MedListCodg = pack.MedListCodg, RecordedAt = now });
        }

        journal.Moved(rx, RxActor.Institution(command.Pharmacy, "gateway"), "writeoff", $"settlement {command.SetlId}, {command.Packs.Count} pack(s)");
        return rx;
    }

    [GeneratedRegex("^[0-9]{20}$")]
    private static partial Regex TraceCode();
}
