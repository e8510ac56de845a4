using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlements;

/// <summary>Cancels a settlement (2208).</summary>
/// <param name="ByPaymentOrder">The order that paid the settlement refunds it; any other cancellation of such a settlement is refused.</param>
public sealed record CancelSettlement(string SetlId, string? Institution = null, bool ByPaymentOrder = false);

/// <summary>A cancelled settlement and the person's account balance after it.</summary>
public sealed record CancelledSettlement(SettlementRow Settlement, decimal Balance, DateTimeOffset CancelledAt);

/// <summary>
/// Gives back exactly what the settlement took from the account and the accumulator, in the caller's
/// transaction under the person's lock, and reopens the visit so it can be corrected and settled again.
/// </summary>
public sealed class CancelSettlementHandler(YibaoDbContext db, IPersonLedger ledgers, AgencyCalendar calendar, Prescriptions.PrescriptionClaims prescriptions)
{
    public async Task<Result<CancelledSettlement>> HandleAsync(CancelSettlement command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var settlement = await SettlementAccess.LockAsync(db, ledgers, command.SetlId, command.Institution, ct);
        if (!settlement.IsSuccess)
        {
            return settlement.Error;
        }

        var (row, ledger) = settlement.Value;
        if (row.Move(SettlementEvent.Cancel) is { } refused)
        {
            return refused;
        }

        if (!command.ByPaymentOrder && await db.PaymentOrders.AnyAsync(o => o.SetlId == row.SetlId, ct))
        {
            return SettlementErrors.PaidByOrder(row.SetlId);
        }

        if (await ledger.GiveBackAsync(SettlementRows.EntryOf(row), row.SetlId, ct) is { } notGivenBack)
        {
            return notGivenBack;
        }

        var now = calendar.Clock.GetUtcNow();
        row.CancelledAt = now;
        row.CancellationDate = calendar.DateOf(now);
        var visit = await db.Visits.FirstAsync(v => v.MdtrtId == row.MdtrtId, ct);
        if (visit.Move(VisitEvent.Reopen) is { } notReopened)
        {
            return notReopened;
        }

        await prescriptions.ReopenAsync(row, "gateway", ct);
        db.Record(now, row.FixmedinsCode, "settlement.cancel", "settlement", row.SetlId, $"fund {row.FundPaySumamt}, account {row.AcctPay} restored");
        return new CancelledSettlement(row, ledger.Ledger.Balance, now);
    }
}
