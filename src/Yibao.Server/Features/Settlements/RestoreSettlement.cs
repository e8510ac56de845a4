using Microsoft.EntityFrameworkCore;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Settlements;

/// <summary>
/// Undoes a cancellation (the reversal of a 2208): puts back exactly what the settlement took. Only
/// possible while nothing else has touched the person's money since the cancellation, because a
/// settlement in between was computed on the restored amounts and would no longer add up.
/// </summary>
internal static class RestoreSettlement
{
    public static async Task<Reply> RestoreCoreAsync(string setlId, YibaoDbContext db, AgencyCalendar calendar, CancellationToken ct)
    {
        var psnNo = await db.Settlements.Where(s => s.SetlId == setlId).Select(s => s.PsnNo).FirstOrDefaultAsync(ct);
        if (psnNo is null)
        {
            return CancelSettlement.SettlementNotFound(setlId);
        }

        await WriteGate.LockPersonAsync(db, psnNo, ct);
        var settlement = await db.Settlements.Include(s => s.Lines).FirstAsync(s => s.SetlId == setlId, ct);
        if (settlement.Status != SettlementStatus.Cancelled || settlement.CancelledAt is not { } cancelledAt)
        {
            return ApiError.Conflict("settlement_not_cancelled", $"Settlement {setlId} is not cancelled.");
        }

        // Compared in memory: a person's settlements are few, and SQLite cannot compare instants.
        var others = await db.Settlements.AsNoTracking().Where(s => s.PsnNo == psnNo && s.SetlId != setlId).Select(s => new { s.SettledAt, s.CancelledAt }).ToListAsync(ct);
        var visit = await db.Visits.FirstAsync(v => v.MdtrtId == settlement.MdtrtId, ct);
        if (visit.Status != VisitStatus.Registered || others.Any(o => o.SettledAt > cancelledAt || o.CancelledAt > cancelledAt))
        {
            return ApiError.Conflict("reversal_not_possible", $"Settlement {setlId} cannot be restored: the person's account or visit changed after its cancellation.");
        }

        var account = await db.PersonalAccounts.FirstAsync(a => a.PsnNo == psnNo, ct);
        var accumulator = await db.Accumulators.FirstAsync(a => a.PsnNo == psnNo && a.Year == settlement.Year && a.BenefitKind == settlement.BenefitKind, ct);
        account.Balance -= settlement.AcctPay;
        accumulator.DeductiblePaid += settlement.DeductibleDelta;
        accumulator.FundPaid += settlement.FundDelta;
        settlement.Status = SettlementStatus.Settled;
        settlement.CancelledAt = null;
        settlement.CancellationDate = null;
        visit.Status = VisitStatus.Settled;
        db.Record(calendar.Clock.GetUtcNow(), settlement.FixmedinsCode, "settlement.restore", "settlement", setlId, "cancellation reversed");
        return Reply.Ok(SettleVisit.ToResponse(settlement, calendar));
    }
}
