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
