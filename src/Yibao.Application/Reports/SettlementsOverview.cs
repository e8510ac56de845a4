using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;

namespace Yibao.Application.Reports;

/// <summary>
/// The console's dashboard for a period and, optionally, a treatment area: settlements and fund paid
/// per day, and the split online / offline. Settlements standing (not cancelled), by the day they
/// were settled; one grouped query per chart.
/// </summary>
public sealed record SettlementsOverview(DateOnly From, DateOnly To, string? TreatmentArea);

public sealed record DayTotals(DateOnly Date, int Count, decimal FundPaid, decimal MedfeeSumamt);

public sealed record ChannelTotals(string Channel, int Count, decimal FundPaid);

public sealed record SettlementsOverviewResult(IReadOnlyList<DayTotals> Days, IReadOnlyList<ChannelTotals> Channels);

public sealed class SettlementsOverviewHandler(YibaoDbContext db)
{
    public const int MaxDays = 366;

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

        var (days, channels) = db.IsPostgres() ? await GroupedInSqlAsync(settled, ct) : await GroupedAsReadAsync(settled, ct);

        // Every day of the period, the quiet ones at zero, so that a chart's days are evenly spaced.
        var byDay = days.ToDictionary(d => d.Date);
        var all = Enumerable.Range(0, command.To.DayNumber - command.From.DayNumber + 1)
            .Select(i => command.From.AddDays(i))
            .Select(d => byDay.GetValueOrDefault(d) ?? new DayTotals(d, 0, 0m, 0m))
            .ToList();
        return new SettlementsOverviewResult(all, channels.OrderBy(c => c.Channel, StringComparer.Ordinal).ToList());
    }

    /// <summary>PostgreSQL sums exact numerics: one grouped query per chart.</summary>
    private static async Task<(List<DayTotals>, List<ChannelTotals>)> GroupedInSqlAsync(IQueryable<Storage.Entities.SettlementRow> settled, CancellationToken ct) =>
        (await settled.GroupBy(s => s.SettlementDate)
                .Select(g => new DayTotals(g.Key, g.Count(), g.Sum(s => s.FundPaySumamt), g.Sum(s => s.MedfeeSumamt)))
                .ToListAsync(ct),
         await settled.GroupBy(s => s.Channel)
                .Select(g => new ChannelTotals(g.Key, g.Count(), g.Sum(s => s.FundPaySumamt)))
                .ToListAsync(ct));

    /// <summary>SQLite keeps decimals as text, which its SUM would turn into floating point: the rows are streamed and summed here, once for both charts.</summary>
    private static async Task<(List<DayTotals>, List<ChannelTotals>)> GroupedAsReadAsync(IQueryable<Storage.Entities.SettlementRow> settled, CancellationToken ct)
    {
        var days = new Dictionary<DateOnly, DayTotals>();
        var channels = new Dictionary<string, ChannelTotals>(StringComparer.Ordinal);
        await foreach (var s in settled.Select(s => new { s.SettlementDate, s.Channel, s.FundPaySumamt, s.MedfeeSumamt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var day = days.GetValueOrDefault(s.SettlementDate) ?? new DayTotals(s.SettlementDate, 0, 0m, 0m);
            days[s.SettlementDate] = day with { Count = day.Count + 1, FundPaid = day.FundPaid + s.FundPaySumamt, MedfeeSumamt = day.MedfeeSumamt + s.MedfeeSumamt };
            var channel = channels.GetValueOrDefault(s.Channel) ?? new ChannelTotals(s.Channel, 0, 0m);
            channels[s.Channel] = channel with { Count = channel.Count + 1, FundPaid = channel.FundPaid + s.FundPaySumamt };
        }

        return (days.Values.ToList(), channels.Values.ToList());
    }
}
