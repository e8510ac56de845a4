using Microsoft.EntityFrameworkCore;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Reconciliation;

/// <summary>
/// An institution's totals for one agency day, for daily reconciliation: what was settled that day,
/// what was cancelled that day (whenever it was settled), and the net.
/// </summary>
internal static class DailyTotals
{
    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/institutions/{fixmedinsCode}/daily-totals", GetAsync)
            .WithTags("Reconciliation").WithName("DailyTotals")
            .WithSummary("Per-institution totals of one day's settlements and cancellations")
            .Produces<DailyTotalsResponse>().ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> GetAsync(string fixmedinsCode, DateOnly? date, YibaoDbContext db, AgencyCalendar calendar, CancellationToken ct)
    {
        if (!await db.Institutions.AnyAsync(i => i.FixmedinsCode == fixmedinsCode, ct))
        {
            return ApiError.NotFound("institution_not_found", $"Institution {fixmedinsCode} is not designated.").ToResult();
        }

        var day = date ?? calendar.Today;

        // Summed here rather than in SQL: SQLite keeps decimals as text, and a day's rows are few.
        var settled = await db.Settlements.AsNoTracking()
            .Where(s => s.FixmedinsCode == fixmedinsCode && s.SettlementDate == day && (s.Status == SettlementStatus.Settled || s.Status == SettlementStatus.Cancelled))
            .Select(s => new Amounts(s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.PsnCashPay))
            .ToListAsync(ct);
        var cancelled = await db.Settlements.AsNoTracking()
            .Where(s => s.FixmedinsCode == fixmedinsCode && s.CancellationDate == day)
            .Select(s => new Amounts(s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.PsnCashPay))
            .ToListAsync(ct);
        var settledTotal = Total(settled);
        var cancelledTotal = Total(cancelled);
        return Results.Ok(new DailyTotalsResponse(
            fixmedinsCode,
            day,
            settledTotal,
            cancelledTotal,
            new PeriodTotal(
                settledTotal.Count - cancelledTotal.Count,
                settledTotal.MedfeeSumamt - cancelledTotal.MedfeeSumamt,
                settledTotal.FundPaySumamt - cancelledTotal.FundPaySumamt,
                settledTotal.AcctPay - cancelledTotal.AcctPay,
                settledTotal.PsnCashPay - cancelledTotal.PsnCashPay)));
    }

    private static PeriodTotal Total(List<Amounts> rows) => new(
        rows.Count,
        rows.Sum(r => r.Medfee),
        rows.Sum(r => r.Fund),
        rows.Sum(r => r.Account),
        rows.Sum(r => r.Cash));

    private sealed record Amounts(decimal Medfee, decimal Fund, decimal Account, decimal Cash);
}

public sealed record PeriodTotal(int Count, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay);

public sealed record DailyTotalsResponse(string FixmedinsCode, DateOnly Date, PeriodTotal Settled, PeriodTotal Cancelled, PeriodTotal Net);
