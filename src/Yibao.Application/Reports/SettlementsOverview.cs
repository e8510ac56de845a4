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

public sealed class SettlementsOverviewHandler(YibaoDbContext db, WriteGate gate, AgencyCalendar calendar)
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

        var area = string.IsNullOrWhiteSpace(command.TreatmentArea) ? null : command.TreatmentArea.Trim();
        var totals = (await new SettlementDayTotals(db, gate).ReadAsync(command.From, command.To, calendar.Today, ct))
            .Where(t => area is null ? t.Dimension != "out" : t.Area == area)
            .ToList();
        var levels = await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.FixmedinsCode, i => i.Level.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        var institutions = Group(totals, "institution", t => t.Key);

        // Every day of the period, the quiet ones at zero, so that a chart's days are evenly spaced.
        var byDay = totals.Where(t => t.Dimension == "day").GroupBy(t => t.Day)
            .ToDictionary(g => g.Key, g => new DayTotals(g.Key, g.Sum(t => t.Count), g.Sum(t => t.FundPaid), g.Sum(t => t.MedfeeSumamt)));
        var all = Enumerable.Range(0, command.To.DayNumber - command.From.DayNumber + 1)
            .Select(i => command.From.AddDays(i))
            .Select(d => byDay.GetValueOrDefault(d) ?? new DayTotals(d, 0, 0m, 0m))
            .ToList();
        var cross = Group(totals, "cross", t => t.Key);
        if (area is not null)
        {
            cross.Add(Group(totals, "out", t => t.Key).SingleOrDefault() ?? new GroupTotals("out", 0, 0m));
        }

        return new SettlementsOverviewResult(
            all,
            Group(totals, "channel", t => t.Key),
            Group(totals, "benefit_kind", t => t.Key),
            institutions.OrderByDescending(i => i.FundPaid).ThenBy(i => i.Key, StringComparer.Ordinal).Take(TopInstitutionCount).ToList(),
            Group(totals, "institution", t => levels.GetValueOrDefault(t.Key, "?")),
            cross.OrderBy(c => c.Key, StringComparer.Ordinal).ToList(),
            await PaymentOrdersAsync(command, ct));
    }

    /// <summary>One chart's totals over the period (and areas), by the key chosen.</summary>
    private static List<GroupTotals> Group(List<DayTotal> totals, string dimension, Func<DayTotal, string> key) =>
        [.. totals.Where(t => t.Dimension == dimension).GroupBy(key)
            .Select(g => new GroupTotals(g.Key, g.Sum(t => t.Count), g.Sum(t => t.FundPaid)))
            .OrderBy(g => g.Key, StringComparer.Ordinal)];

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
}
