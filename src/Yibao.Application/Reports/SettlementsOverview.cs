using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Payments;
using Yibao.Storage;

namespace Yibao.Application.Reports;

/// <summary>
/// The console's dashboard for a period and, optionally, a treatment area: settlements and fund paid
/// per day, the split online / offline and by benefit kind, fund paid by institution level and the
/// ten institutions the fund paid most, cross-region settlements in and out, and payment orders by
/// state. Settlements standing (not cancelled), by the day they were settled.
/// </summary>
public sealed record SettlementsOverview(DateOnly From, DateOnly To, string? TreatmentArea);

public sealed record DayTotals(DateOnly Date, int Count, decimal FundPaid, decimal MedfeeSumamt);

/// <param name="Key">The channel, the benefit kind or the institution the totals are of.</param>
public sealed record GroupTotals(string Key, int Count, decimal FundPaid);

/// <param name="Levels">Fund paid by the settling institution's level ("1", "2", "3").</param>
/// <param name="CrossRegion">
/// "local", and "in": treated in the area, insured elsewhere (with no area: every cross-region
/// settlement); with an area, also "out": insured in the area, treated elsewhere.
/// </param>
/// <param name="PaymentOrders">Orders made in the period by their state now; <see cref="GroupTotals.FundPaid"/> holds their cash totals.</param>
public sealed record SettlementsOverviewResult(
    IReadOnlyList<DayTotals> Days,
    IReadOnlyList<GroupTotals> Channels,
    IReadOnlyList<GroupTotals> BenefitKinds,
    IReadOnlyList<GroupTotals> TopInstitutions,
    IReadOnlyList<GroupTotals> Levels,
    IReadOnlyList<GroupTotals> CrossRegion,
    IReadOnlyList<GroupTotals> PaymentOrders);

public sealed class SettlementsOverviewHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public const int MaxDays = 366;
    public const int TopInstitutionCount = 10;

    public async Task<Result<SettlementsOverviewResult>> HandleAsync(SettlementsOverview command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.To < command.From || command.To.DayNumber - command.From.DayNumber >= MaxDays)
        {
            return Reconciliation.ReconciliationErrors.InvalidPeriod.With($"The period runs from its first day to its last, {MaxDays} days at the most.");
        }

        var settled = db.Settlements.AsNoTracking()
            .Where(s => s.Status == SettlementStatus.Settled && s.SettlementDate >= command.From && s.SettlementDate <= command.To);
        if (!string.IsNullOrWhiteSpace(command.TreatmentArea))
        {
            settled = settled.Where(s => s.TreatmentArea == command.TreatmentArea);
        }

        var (days, channels, kinds, institutions, cross) = db.IsPostgres() ? await GroupedInSqlAsync(command, ct) : await GroupedAsReadAsync(settled, ct);
        var levels = await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.FixmedinsCode, i => i.Level.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        var byLevel = institutions.GroupBy(i => levels.GetValueOrDefault(i.Key, "?"))
            .Select(g => new GroupTotals(g.Key, g.Sum(i => i.Count), g.Sum(i => i.FundPaid)))
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (!string.IsNullOrWhiteSpace(command.TreatmentArea))
        {
            cross.Add(await OutAsync(command, ct));
        }

        // Every day of the period, the quiet ones at zero, so that a chart's days are evenly spaced.
        var byDay = days.ToDictionary(d => d.Date);
        var all = Enumerable.Range(0, command.To.DayNumber - command.From.DayNumber + 1)
            .Select(i => command.From.AddDays(i))
            .Select(d => byDay.GetValueOrDefault(d) ?? new DayTotals(d, 0, 0m, 0m))
            .ToList();
        return new SettlementsOverviewResult(
            all,
            channels.OrderBy(c => c.Key, StringComparer.Ordinal).ToList(),
            kinds.OrderBy(c => c.Key, StringComparer.Ordinal).ToList(),
            institutions.OrderByDescending(i => i.FundPaid).ThenBy(i => i.Key, StringComparer.Ordinal).Take(TopInstitutionCount).ToList(),
            byLevel,
            cross.OrderBy(c => c.Key, StringComparer.Ordinal).ToList(),
            await PaymentOrdersAsync(command, ct));
    }

    /// <summary>Insured in the area, treated elsewhere: rows the area's own filter leaves out, found by the date index.</summary>
    private async Task<GroupTotals> OutAsync(SettlementsOverview command, CancellationToken ct)
    {
        var area = command.TreatmentArea!;
        var fund = await db.Settlements.AsNoTracking()
            .Where(s => s.Status == SettlementStatus.Settled && s.SettlementDate >= command.From && s.SettlementDate <= command.To && s.InsuredArea == area && s.TreatmentArea != area)
            .Select(s => s.FundPaySumamt)
            .ToListAsync(ct);
        return new GroupTotals("out", fund.Count, fund.Sum());
    }

    /// <summary>Payment orders made in the period (agency days), by state; one grouped statement on PostgreSQL, the few rows of an embedded node summed here.</summary>
    private async Task<List<GroupTotals>> PaymentOrdersAsync(SettlementsOverview command, CancellationToken ct)
    {
        var offset = calendar.Now.Offset;
        var start = new DateTimeOffset(command.From.ToDateTime(TimeOnly.MinValue), offset);
        var end = new DateTimeOffset(command.To.AddDays(1).ToDateTime(TimeOnly.MinValue), offset);
        if (db.IsPostgres())
        {
            return (await db.PaymentOrders.AsNoTracking()
                .Where(o => o.CreatedAt >= start && o.CreatedAt < end)
                .GroupBy(o => o.Status)
                .Select(g => new { Status = g.Key, Count = g.Count(), Cash = g.Sum(o => o.CashTotal) })
                .ToListAsync(ct))
                .Select(g => new GroupTotals(g.Status.ToName(), g.Count, g.Cash)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        }

        var orders = await db.PaymentOrders.AsNoTracking().Select(o => new { o.Status, o.CreatedAt, o.CashTotal }).ToListAsync(ct);
        return orders.Where(o => o.CreatedAt >= start && o.CreatedAt < end)
            .GroupBy(o => o.Status)
            .Select(g => new GroupTotals(g.Key.ToName(), g.Count(), g.Sum(o => o.CashTotal)))
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// PostgreSQL sums exact numerics, and GROUPING SETS gives every chart's totals from one pass
    /// over the period's rows (the date index narrows a short period; a year is read once, not once per chart).
    /// </summary>
    private async Task<Grouped> GroupedInSqlAsync(SettlementsOverview command, CancellationToken ct)
    {
        var settled = SettlementStatus.Settled.ToName();
        var area = string.IsNullOrWhiteSpace(command.TreatmentArea) ? null : command.TreatmentArea;
        var rows = await db.Database.SqlQuery<GroupingRow>($"""
            SELECT settlement_date, channel, benefit_kind, fixmedins_code, CASE WHEN insured_area = treatment_area THEN 'local' ELSE 'in' END AS cross_region,
                   count(*)::int AS count, sum(fund_pay_sumamt) AS fund_paid, sum(medfee_sumamt) AS medfee_sumamt
            FROM settlements
            WHERE status = {settled} AND settlement_date >= {command.From} AND settlement_date <= {command.To} AND ({area}::text IS NULL OR treatment_area = {area})
            GROUP BY GROUPING SETS ((settlement_date), (channel), (benefit_kind), (fixmedins_code), (CASE WHEN insured_area = treatment_area THEN 'local' ELSE 'in' END))
            """).ToListAsync(ct);
        return new(
            rows.Where(r => r.SettlementDate is not null).Select(r => new DayTotals(r.SettlementDate!.Value, r.Count, r.FundPaid, r.MedfeeSumamt)).ToList(),
            rows.Where(r => r.Channel is not null).Select(r => new GroupTotals(r.Channel!, r.Count, r.FundPaid)).ToList(),
            rows.Where(r => r.BenefitKind is not null).Select(r => new GroupTotals(r.BenefitKind!, r.Count, r.FundPaid)).ToList(),
            rows.Where(r => r.FixmedinsCode is not null).Select(r => new GroupTotals(r.FixmedinsCode!, r.Count, r.FundPaid)).ToList(),
            rows.Where(r => r.CrossRegion is not null).Select(r => new GroupTotals(r.CrossRegion!, r.Count, r.FundPaid)).ToList());
    }

    /// <summary>One row of the grouping sets: exactly one of the five keys is set.</summary>
    private sealed record GroupingRow(DateOnly? SettlementDate, string? Channel, string? BenefitKind, string? FixmedinsCode, string? CrossRegion, int Count, decimal FundPaid, decimal MedfeeSumamt);

    /// <summary>The period's totals by day, channel, benefit kind, institution and cross-region or not.</summary>
    private sealed record Grouped(List<DayTotals> Days, List<GroupTotals> Channels, List<GroupTotals> Kinds, List<GroupTotals> Institutions, List<GroupTotals> Cross);

    /// <summary>SQLite keeps decimals as text, which its SUM would turn into floating point: the rows are streamed and summed here, once for every chart.</summary>
    private static async Task<Grouped> GroupedAsReadAsync(IQueryable<Storage.Entities.SettlementRow> settled, CancellationToken ct)
    {
        var days = new Dictionary<DateOnly, DayTotals>();
        var channels = new Dictionary<string, GroupTotals>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, GroupTotals>(StringComparer.Ordinal);
        var institutions = new Dictionary<string, GroupTotals>(StringComparer.Ordinal);
        var cross = new Dictionary<string, GroupTotals>(StringComparer.Ordinal);
        await foreach (var s in settled.Select(s => new { s.SettlementDate, s.Channel, s.BenefitKind, s.FixmedinsCode, s.InsuredArea, s.TreatmentArea, s.FundPaySumamt, s.MedfeeSumamt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var day = days.GetValueOrDefault(s.SettlementDate) ?? new DayTotals(s.SettlementDate, 0, 0m, 0m);
            days[s.SettlementDate] = day with { Count = day.Count + 1, FundPaid = day.FundPaid + s.FundPaySumamt, MedfeeSumamt = day.MedfeeSumamt + s.MedfeeSumamt };
            Add(channels, s.Channel, s.FundPaySumamt);
            Add(kinds, s.BenefitKind, s.FundPaySumamt);
            Add(institutions, s.FixmedinsCode, s.FundPaySumamt);
            Add(cross, s.InsuredArea == s.TreatmentArea ? "local" : "in", s.FundPaySumamt);
        }

        return new(days.Values.ToList(), channels.Values.ToList(), kinds.Values.ToList(), institutions.Values.ToList(), cross.Values.ToList());
    }

    private static void Add(Dictionary<string, GroupTotals> totals, string key, decimal fundPaid)
    {
        var current = totals.GetValueOrDefault(key) ?? new GroupTotals(key, 0, 0m);
        totals[key] = current with { Count = current.Count + 1, FundPaid = current.FundPaid + fundPaid };
    }
}
