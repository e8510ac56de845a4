using Microsoft.EntityFrameworkCore;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Settlements;

/// <summary>
/// Cancels a settlement (2208): gives back exactly what it took from the account and the
/// accumulator, in one transaction, and reopens the visit so it can be corrected and settled again.
/// </summary>
internal static class CancelSettlement
{
    public static Task<IResult> HandleAsync(string setlId, HttpContext http, IdempotentWrites writes, YibaoDbContext db, AgencyCalendar calendar) =>
        writes.RunAsync(http, new { setlId }, ct => CancelCoreAsync(setlId, db, calendar, ct));

    /// <summary>Cancels inside the caller's transaction; the reply's body is the <see cref="CancelSettlementResponse"/>.</summary>
    /// <param name="byPaymentOrder">The order that paid the settlement refunds it; any other cancellation of such a settlement is refused.</param>
    public static async Task<Reply> CancelCoreAsync(string setlId, YibaoDbContext db, AgencyCalendar calendar, CancellationToken ct, bool byPaymentOrder = false)
    {
        var psnNo = await db.Settlements.Where(s => s.SetlId == setlId).Select(s => s.PsnNo).FirstOrDefaultAsync(ct);
        if (psnNo is null)
        {
            return SettlementNotFound(setlId);
        }

        await WriteGate.LockPersonAsync(db, psnNo, ct);
        var settlement = await db.Settlements.FirstAsync(s => s.SetlId == setlId, ct);
        if (settlement.Status != SettlementStatus.Settled)
        {
            return settlement.Status is SettlementStatus.Pending or SettlementStatus.Released
                ? ApiError.Conflict("settlement_not_committed", $"Settlement {setlId} belongs to a payment order and was never committed: revoke the order instead.")
                : ApiError.Conflict("settlement_already_cancelled", $"Settlement {setlId} is already cancelled.");
        }

        if (!byPaymentOrder && await db.PaymentOrders.AnyAsync(o => o.SetlId == setlId, ct))
        {
            return ApiError.Conflict("settlement_paid_by_order", $"Settlement {setlId} was paid through a payment order: refund the order, which also returns the cash.");
        }

        var account = await GiveBackAsync(db, settlement, ct);

        var now = calendar.Clock.GetUtcNow();
        settlement.Status = SettlementStatus.Cancelled;
        settlement.CancelledAt = now;
        settlement.CancellationDate = calendar.DateOf(now);
        var visit = await db.Visits.FirstAsync(v => v.MdtrtId == settlement.MdtrtId, ct);
        visit.Status = VisitStatus.Registered;
        db.Record(now, settlement.FixmedinsCode, "settlement.cancel", "settlement", setlId,
            $"fund {settlement.FundPaySumamt}, account {settlement.AcctPay} restored");
        return Reply.Ok(new CancelSettlementResponse(setlId, settlement.MdtrtId, settlement.Status, settlement.AcctPay, settlement.FundPaySumamt, account.Balance, now.ToOffset(calendar.Now.Offset)));
    }

    /// <summary>
    /// Gives back exactly what a settlement took from the account and the accumulator. The caller holds
    /// the person's lock and changes the settlement's state in the same transaction, so it happens once.
    /// </summary>
    public static async Task<PersonalAccountRow> GiveBackAsync(YibaoDbContext db, SettlementRow settlement, CancellationToken ct)
    {
        var account = await db.PersonalAccounts.FirstAsync(a => a.PsnNo == settlement.PsnNo, ct);
        var accumulator = await db.Accumulators.FirstAsync(a => a.PsnNo == settlement.PsnNo && a.Year == settlement.Year && a.BenefitKind == settlement.BenefitKind, ct);
        account.Balance += settlement.AcctPay;
        accumulator.DeductiblePaid -= settlement.DeductibleDelta;
        accumulator.FundPaid -= settlement.FundDelta;
        return account;
    }

    public static ApiError SettlementNotFound(string setlId) => ApiError.NotFound("settlement_not_found", $"Settlement {setlId} does not exist.");
}
