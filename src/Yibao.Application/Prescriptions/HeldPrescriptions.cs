using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

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
