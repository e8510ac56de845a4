using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;

namespace Yibao.Application.Reports;

/// <summary>
/// The console's dashboard for a period and, optionally, a treatment area: settlements and fund paid
/// per day, the split online / offline and by benefit kind, and the ten institutions the fund paid
/// most. Settlements standing (not cancelled), by the day they were settled.
/// </summary>
public sealed record SettlementsOverview(DateOnly From, DateOnly To, string? TreatmentArea);

public sealed record DayTotals(DateOnly Date, int Count, decimal FundPaid, decimal MedfeeSumamt);

/// <param name="Key">The channel, the benefit kind or the institution the totals are of.</param>
public sealed record GroupTotals(string Key, int Count, decimal FundPaid);

public sealed record SettlementsOverviewResult(IReadOnlyList<DayTotals> Days, IReadOnlyList<GroupTotals> Channels, IReadOnlyList<GroupTotals> BenefitKinds, IReadOnlyList<GroupTotals> TopInstitutions);

public sealed class SettlementsOverviewHandler(YibaoDbContext db)
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

        var (days, channels, kinds, institutions) = db.IsPostgres() ? await GroupedInSqlAsync(command, ct) : await GroupedAsReadAsync(settled, ct);

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
            institutions.OrderByDescending(i => i.FundPaid).ThenBy(i => i.Key, StringComparer.Ordinal).Take(TopInstitutionCount).ToList());
    }

    /// <summary>
    /// PostgreSQL sums exact numerics, and GROUPING SETS gives every chart's totals from one pass
    /// over the period's rows (the date index narrows a short period; a year is read once, not once per chart).
    /// </summary>
    private async Task<(List<DayTotals>, List<GroupTotals>, List<GroupTotals>, List<GroupTotals>)> GroupedInSqlAsync(SettlementsOverview command, CancellationToken ct)
    {
        var settled = SettlementStatus.Settled.ToName();
        var area = string.IsNullOrWhiteSpace(command.TreatmentArea) ? null : command.TreatmentArea;
        var rows = await db.Database.SqlQuery<GroupingRow>($"""
            SELECT settlement_date, channel, benefit_kind, fixmedins_code, count(*)::int AS count, sum(fund_pay_sumamt) AS fund_paid, sum(medfee_sumamt) AS medfee_sumamt
            FROM settlements
            WHERE status = {settled} AND settlement_date >= {command.From} AND settlement_date <= {command.To} AND ({area}::text IS NULL OR treatment_area = {area})
            GROUP BY GROUPING SETS ((settlement_date), (channel), (benefit_kind), (fixmedins_code))
            """).ToListAsync(ct);
        return (
            rows.Where(r => r.SettlementDate is not null).Select(r => new DayTotals(r.SettlementDate!.Value, r.Count, r.FundPaid, r.MedfeeSumamt)).ToList(),
            rows.Where(r => r.Channel is not null).Select(r => new GroupTotals(r.Channel!, r.Count, r.FundPaid)).ToList(),
            rows.Where(r => r.BenefitKind is not null).Select(r => new GroupTotals(r.BenefitKind!, r.Count, r.FundPaid)).ToList(),
            rows.Where(r => r.FixmedinsCode is not null).Select(r => new GroupTotals(r.FixmedinsCode!, r.Count, r.FundPaid)).ToList());
    }

    /// <summary>One row of the grouping sets: exactly one of the four keys is set.</summary>
    private sealed record GroupingRow(DateOnly? SettlementDate, string? Channel, string? BenefitKind, string? FixmedinsCode, int Count, decimal FundPaid, decimal MedfeeSumamt);

    /// <summary>SQLite keeps decimals as text, which its SUM would turn into floating point: the rows are streamed and summed here, once for every chart.</summary>
    private static async Task<(List<DayTotals>, List<GroupTotals>, List<GroupTotals>, List<GroupTotals>)> GroupedAsReadAsync(IQueryable<Storage.Entities.SettlementRow> settled, CancellationToken ct)
    {
        var days = new Dictionary<DateOnly, DayTotals>();
        var channels = new Dictionary<string, GroupTotals>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, GroupTotals>(StringComparer.Ordinal);
        var institutions = new Dictionary<string, GroupTotals>(StringComparer.Ordinal);
        await foreach (var s in settled.Select(s => new { s.SettlementDate, s.Channel, s.BenefitKind, s.FixmedinsCode, s.FundPaySumamt, s.MedfeeSumamt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var day = days.GetValueOrDefault(s.SettlementDate) ?? new DayTotals(s.SettlementDate, 0, 0m, 0m);
            days[s.SettlementDate] = day with { Count = day.Count + 1, FundPaid = day.FundPaid + s.FundPaySumamt, MedfeeSumamt = day.MedfeeSumamt + s.MedfeeSumamt };
            Add(channels, s.Channel, s.FundPaySumamt);
            Add(kinds, s.BenefitKind, s.FundPaySumamt);
            Add(institutions, s.FixmedinsCode, s.FundPaySumamt);
        }

        return (days.Values.ToList(), channels.Values.ToList(), kinds.Values.ToList(), institutions.Values.ToList());
    }

    private static void Add(Dictionary<string, GroupTotals> totals, string key, decimal fundPaid)
    {
        var current = totals.GetValueOrDefault(key) ?? new GroupTotals(key, 0, 0m);
        totals[key] = current with { Count = current.Count + 1, FundPaid = current.FundPaid + fundPaid };
    }
}
