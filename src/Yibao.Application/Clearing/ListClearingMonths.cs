using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Application.Clearing;

/// <summary>The months cleared, newest first.</summary>
public sealed record ListClearingMonths(int Take = 24);

/// <summary>A cleared month in brief: its state, what it clears, and how many of its areas have confirmed.</summary>
public sealed record ClearingMonthSummary(string Month, string Status, DateTimeOffset RunAt, long Settlements, decimal Amount, int Areas, int Confirmed);

public sealed class ListClearingMonthsHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<ClearingMonthSummary>> HandleAsync(ListClearingMonths command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var months = await db.ClearingMonths.AsNoTracking().OrderByDescending(m => m.Month).Take(command.Take).ToListAsync(ct);
        var keys = months.Select(m => m.Month).ToList();
        // Summed here: the positions are a few per month, and SQLite sums decimals as doubles.
        var positions = (await db.ClearingPositions.AsNoTracking().Where(p => keys.Contains(p.Month)).Select(p => new { p.Month, p.Owes, Confirmed = p.ConfirmedAt != null }).ToListAsync(ct))
            .ToLookup(p => p.Month, StringComparer.Ordinal);
        return months.Select(m => new ClearingMonthSummary(m.Month, m.Status, m.RunAt, m.Settlements,
            positions[m.Month].Sum(p => p.Owes), positions[m.Month].Count(), positions[m.Month].Count(p => p.Confirmed))).ToList();
    }
}
