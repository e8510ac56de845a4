using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Domain.Institutions;

namespace Yibao.Application.Reconciliation;

/// <summary>An institution's totals for one agency day (default today).</summary>
public sealed record GetDailyTotals(string FixmedinsCode, DateOnly? Date = null);

public sealed record PeriodTotal(int Count, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay)
{
    public PeriodTotal Minus(PeriodTotal other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Count - other.Count, MedfeeSumamt - other.MedfeeSumamt, FundPaySumamt - other.FundPaySumamt, AcctPay - other.AcctPay, PsnCashPay - other.PsnCashPay);
    }
}

/// <summary>What was settled that day, what was cancelled that day (whenever it was settled), and the net.</summary>
public sealed record DailyTotals(string FixmedinsCode, DateOnly Date, PeriodTotal Settled, PeriodTotal Cancelled, PeriodTotal Net);

/// <summary>Daily reconciliation: a cancellation counts on the day it happened.</summary>
public sealed class GetDailyTotalsHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<DailyTotals>> HandleAsync(GetDailyTotals command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await db.Institutions.AnyAsync(i => i.FixmedinsCode == command.FixmedinsCode, ct))
        {
            return InstitutionErrors.NotFound(command.FixmedinsCode);
        }

        var day = command.Date ?? calendar.Today;

        // Summed here rather than in SQL: SQLite keeps decimals as text, and a day's rows are few.
        var settled = await db.Settlements.AsNoTracking()
            .Where(s => s.FixmedinsCode == command.FixmedinsCode && s.SettlementDate == day && (s.Status == SettlementStatus.Settled || s.Status == SettlementStatus.Cancelled))
            .Select(s => new Amounts(s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.PsnCashPay))
            .ToListAsync(ct);
        var cancelled = await db.Settlements.AsNoTracking()
            .Where(s => s.FixmedinsCode == command.FixmedinsCode && s.CancellationDate == day)
            .Select(s => new Amounts(s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.PsnCashPay))
            .ToListAsync(ct);
        var settledTotal = Total(settled);
        var cancelledTotal = Total(cancelled);
        return new DailyTotals(command.FixmedinsCode, day, settledTotal, cancelledTotal, settledTotal.Minus(cancelledTotal));
    }

    private static PeriodTotal Total(List<Amounts> rows) => new(rows.Count, rows.Sum(r => r.Medfee), rows.Sum(r => r.Fund), rows.Sum(r => r.Account), rows.Sum(r => r.Cash));

    private sealed record Amounts(decimal Medfee, decimal Fund, decimal Account, decimal Cash);
}
