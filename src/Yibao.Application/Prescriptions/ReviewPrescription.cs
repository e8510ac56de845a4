using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>7204: the dispensing pharmacy's pharmacist reviews the prescription: <c>rx_chk_stas_codg</c> 1 passed, 2 refused.</summary>
public sealed record ReviewPrescription(string HiRxno, string Pharmacy, string RxChkStasCodg, string? RxChkOpnn, string PharName, string? PharCertno, DateTimeOffset? RxChkTime);

/// <summary>Records the review of a prescription the pharmacy holds; settlement needs a passing one.</summary>
public sealed class ReviewPrescriptionHandler(YibaoDbContext db, PrescriptionJournal journal, TimeProvider clock)
{
    public async Task<Result<PrescriptionRow>> HandleAsync(ReviewPrescription command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.RxChkStasCodg is not ("1" or "2"))
        {
            return PrescriptionReviewErrors.Invalid.With("rx_chk_stas_codg is 1 (passed) or 2 (refused)");
        }

        var held = await HeldPrescriptions.FindAsync(db, command.HiRxno, command.Pharmacy, ct);
        if (!held.IsSuccess)
        {
            return held.Error;
        }

        var rx = held.Value;
        (rx.RxChkStasCodg, rx.RxChkOpnn, rx.RxChkPharName, rx.RxChkTime) = (command.RxChkStasCodg, command.RxChkOpnn, command.PharName, command.RxChkTime ?? clock.GetUtcNow());
        journal.Moved(rx, RxActor.Institution(command.Pharmacy, "gateway"), "review", $"{(command.RxChkStasCodg == "1" ? "passed" : "refused")} by {command.PharName}: {command.RxChkOpnn}");
        return rx;
    }
}

/// <summary>7205: the pharmacy's delivery of the drugs (<c>delv_stas_codg</c>), for a prescription it holds.</summary>
public sealed record RecordDelivery(string HiRxno, string Pharmacy, string DelvStasCodg, string? Detail);

public sealed class RecordDeliveryHandler(YibaoDbContext db, PrescriptionJournal journal)
{
    public async Task<Result<PrescriptionRow>> HandleAsync(RecordDelivery command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var held = await HeldPrescriptions.FindAsync(db, command.HiRxno, command.Pharmacy, ct);
        if (!held.IsSuccess)
        {
            return held.Error;
        }

        var rx = held.Value;
        rx.DelvStasCodg = command.DelvStasCodg;
        journal.Moved(rx, RxActor.Institution(command.Pharmacy, "gateway"), "delivery", $"delivery status {command.DelvStasCodg}{(command.Detail is null ? "" : ": " + command.Detail)}");
        return rx;
    }
}

/// <summary>A prescription the pharmacy holds (downloaded, dispensing or dispensed by it), tracked for a change.</summary>
internal static class HeldPrescriptions
{
    public static async Task<Result<PrescriptionRow>> FindAsync(YibaoDbContext db, string hiRxno, string pharmacy, CancellationToken ct)
    {
        var rx = await db.Prescriptions.FirstOrDefaultAsync(p => p.HiRxno == hiRxno, ct);
        if (rx is null)
        {
            return RxErrors.NotFound.With($"there is no prescription {hiRxno}");
        }

        var status = RxStates.Parse(rx.Status);
        return rx.HeldBy == pharmacy && status is RxStatus.Dispensing or RxStatus.Dispensed
            ? rx
            : RxErrors.NotHeld.With($"prescription {hiRxno} is not being dispensed by {pharmacy}: download it first (7203)");
    }
}
