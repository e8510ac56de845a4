using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Reports;

/// <summary>One day's total for one area and one chart.</summary>
/// <param name="Dimension">day, channel, benefit_kind, institution, cross (local or in), out (keyed by the insured area).</param>
public sealed record DayTotal(DateOnly Day, string Area, string Dimension, string Key, int Count, decimal FundPaid, decimal MedfeeSumamt);

/// <summary>
/// The dashboard's sums by day, area and chart. Closed days (before yesterday) are summed once and
/// kept (<c>settlement_day_totals</c>), tagged with the day's version, which any later write of a
/// settlement of that day bumps (<see cref="YibaoDbContext"/>), so a kept total is used only while
/// it is still the day's; the recent days are summed live. A day is summed and its version read in
/// one snapshot, so a write racing the summing leaves the kept total stale, never wrong.
/// </summary>
internal sealed class SettlementDayTotals(YibaoDbContext db, WriteGate gate)
{
    public async Task<List<DayTotal>> ReadAsync(DateOnly from, DateOnly to, DateOnly today, CancellationToken ct)
    {
        var lastClosed = new[] { to, today.AddDays(-2) }.Min();
        var totals = new List<DayTotal>();
        if (from <= lastClosed)
        {
            totals.AddRange(await KeptAsync(from, lastClosed, ct));
        }

        if (lastClosed < to)
        {
            totals.AddRange(await SumAsync(new[] { from, lastClosed.AddDays(1) }.Max(), to, ct));
        }

        return totals;
    }

    /// <summary>The closed days' kept totals, summing and keeping the days not kept yet (or kept under an older version).</summary>
    private async Task<List<DayTotal>> KeptAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var versions = await db.SettlementDayVersions.AsNoTracking().Where(v => v.Day >= from && v.Day <= to).ToDictionaryAsync(v => v.Day, v => v.Version, ct);
        var kept = await db.SettlementDayTotals.AsNoTracking().Where(t => t.Day >= from && t.Day <= to).ToListAsync(ct);
        var current = kept.Where(t => t.Version == versions.GetValueOrDefault(t.Day)).ToList();
        var keptDays = current.Where(t => t.Dimension == Marker).Select(t => t.Day).ToHashSet();
        var result = current.Where(t => t.Dimension != Marker).Select(t => new DayTotal(t.Day, t.Area, t.Dimension, t.Key, t.Count, t.FundPaid, t.MedfeeSumamt)).ToList();
        var missing = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).Where(d => !keptDays.Contains(d)).ToList();
        if (missing.Count == 0)
        {
            return result;
        }

        // One snapshot for the sums and the versions they are valid for.
        await using (var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct))
        {
            var first = missing[0];
            var last = missing[^1];
            var summed = (await SumAsync(first, last, ct)).Where(t => missing.Contains(t.Day)).ToList();
            var summedVersions = await db.SettlementDayVersions.AsNoTracking().Where(v => v.Day >= first && v.Day <= last).ToDictionaryAsync(v => v.Day, v => v.Version, ct);
            await snapshot.CommitAsync(ct);
            result.AddRange(summed);
            await KeepAsync(missing, summed, summedVersions, ct);
        }

        return result;
    }

    /// <summary>Replaces the days' kept totals; a day whose version moved meanwhile is simply summed again next time.</summary>
    private async Task KeepAsync(List<DateOnly> days, List<DayTotal> summed, Dictionary<DateOnly, long> versions, CancellationToken ct)
    {
        using var entered = await gate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SettlementDayTotals.Where(t => days.Contains(t.Day)).ExecuteDeleteAsync(ct);
        db.SettlementDayTotals.AddRange(summed.Select(t => new SettlementDayTotalRow
        {
            Day = t.Day, Area = t.Area, Dimension = t.Dimension, Key = t.Key, Version = versions.GetValueOrDefault(t.Day), Count = t.Count, FundPaid = t.FundPaid, MedfeeSumamt = t.MedfeeSumamt,
        }));
        db.SettlementDayTotals.AddRange(days.Select(d => new SettlementDayTotalRow
        {
            Day = d, Area = "", Dimension = Marker, Key = "", Version = versions.GetValueOrDefault(d),
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Marks a day as summed, with or without settlements.</summary>
    private const string Marker = "summed";

    /// <summary>
    /// Sums the days' standing settlements: on PostgreSQL one statement with GROUPING SETS over the
    /// date index and one for those insured in an area and treated elsewhere; on SQLite, which keeps
    /// decimals as text, the rows streamed once and summed exactly here.
    /// </summary>
    private async Task<List<DayTotal>> SumAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (db.IsPostgres())
        {
            var settled = SettlementStatus.Settled.ToName();
            var rows = await db.Database.SqlQuery<GroupingRow>($"""
                SELECT settlement_date, treatment_area, channel, benefit_kind, fixmedins_code, CASE WHEN insured_area = treatment_area THEN 'local' ELSE 'in' END AS cross_region,
                       count(*)::int AS count, sum(fund_pay_sumamt) AS fund_paid, sum(medfee_sumamt) AS medfee_sumamt
                FROM settlements
                WHERE status = {settled} AND settlement_date >= {from} AND settlement_date <= {to}
                GROUP BY GROUPING SETS ((settlement_date, treatment_area), (settlement_date, treatment_area, channel), (settlement_date, treatment_area, benefit_kind),
                                        (settlement_date, treatment_area, fixmedins_code), (settlement_date, treatment_area, CASE WHEN insured_area = treatment_area THEN 'local' ELSE 'in' END))
                """).ToListAsync(ct);
            var outs = await db.Database.SqlQuery<OutRow>($"""
                SELECT settlement_date, insured_area, count(*)::int AS count, sum(fund_pay_sumamt) AS fund_paid, sum(medfee_sumamt) AS medfee_sumamt
                FROM settlements
                WHERE status = {settled} AND settlement_date >= {from} AND settlement_date <= {to} AND insured_area <> treatment_area
                GROUP BY settlement_date, insured_area
                """).ToListAsync(ct);
            return [.. rows.Select(r => r.ToTotal()), .. outs.Select(o => new DayTotal(o.SettlementDate, o.InsuredArea, "out", "out", o.Count, o.FundPaid, o.MedfeeSumamt))];
        }

        var sums = new Dictionary<(DateOnly, string, string, string), DayTotal>();
        await foreach (var s in db.Settlements.AsNoTracking()
            .Where(s => s.Status == SettlementStatus.Settled && s.SettlementDate >= from && s.SettlementDate <= to)
            .Select(s => new { s.SettlementDate, s.TreatmentArea, s.InsuredArea, s.Channel, s.BenefitKind, s.FixmedinsCode, s.FundPaySumamt, s.MedfeeSumamt })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            void Add(string area, string dimension, string key)
            {
                var t = sums.GetValueOrDefault((s.SettlementDate, area, dimension, key)) ?? new DayTotal(s.SettlementDate, area, dimension, key, 0, 0m, 0m);
                sums[(s.SettlementDate, area, dimension, key)] = t with { Count = t.Count + 1, FundPaid = t.FundPaid + s.FundPaySumamt, MedfeeSumamt = t.MedfeeSumamt + s.MedfeeSumamt };
            }

            Add(s.TreatmentArea, "day", "");
            Add(s.TreatmentArea, "channel", s.Channel);
            Add(s.TreatmentArea, "benefit_kind", s.BenefitKind);
            Add(s.TreatmentArea, "institution", s.FixmedinsCode);
            Add(s.TreatmentArea, "cross", s.InsuredArea == s.TreatmentArea ? "local" : "in");
            if (s.InsuredArea != s.TreatmentArea)
            {
                Add(s.InsuredArea, "out", "out");
            }
        }

        return [.. sums.Values];
    }

    /// <summary>One row of the grouping sets: the day and area always, and at most one of the other keys.</summary>
    private sealed record GroupingRow(DateOnly SettlementDate, string TreatmentArea, string? Channel, string? BenefitKind, string? FixmedinsCode, string? CrossRegion, int Count, decimal FundPaid, decimal MedfeeSumamt)
    {
        public DayTotal ToTotal() => (Channel, BenefitKind, FixmedinsCode, CrossRegion) switch
        {
            ({ } c, _, _, _) => new(SettlementDate, TreatmentArea, "channel", c, Count, FundPaid, MedfeeSumamt),
            (_, { } k, _, _) => new(SettlementDate, TreatmentArea, "benefit_kind", k, Count, FundPaid, MedfeeSumamt),
            (_, _, { } i, _) => new(SettlementDate, TreatmentArea, "institution", i, Count, FundPaid, MedfeeSumamt),
            (_, _, _, { } x) => new(SettlementDate, TreatmentArea, "cross", x, Count, FundPaid, MedfeeSumamt),
            _ => new(SettlementDate, TreatmentArea, "day", "", Count, FundPaid, MedfeeSumamt),
        };
    }

    private sealed record OutRow(DateOnly SettlementDate, string InsuredArea, int Count, decimal FundPaid, decimal MedfeeSumamt);
}
