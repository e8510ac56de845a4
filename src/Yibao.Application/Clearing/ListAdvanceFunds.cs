using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Clearing;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Clearing;

/// <summary>Every area's advance, with its last assessment and its latest movements.</summary>
public sealed record ListAdvanceFunds(int Movements = 10);

/// <summary>An area's advance: what it holds, how the last cleared month assessed it, and its latest movements.</summary>
public sealed record AdvanceFundView(string Area, string AreaName, decimal Amount, DateTimeOffset? UpdatedAt, string? LastMonth, AdvanceAssessment? LastAssessment, IReadOnlyList<AdvanceFundMovementRow> Movements);

public sealed class ListAdvanceFundsHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<AdvanceFundView>> HandleAsync(ListAdvanceFunds command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var areas = await db.Areas.AsNoTracking().OrderBy(a => a.Admdvs).ToListAsync(ct);
        var funds = await db.AdvanceFunds.AsNoTracking().ToDictionaryAsync(f => f.Area, StringComparer.Ordinal, ct);
        var lastMonth = await db.ClearingMonths.AsNoTracking().OrderByDescending(m => m.Month).Select(m => m.Month).FirstOrDefaultAsync(ct);
        var statement = lastMonth is null ? null : await ClearingViews.LoadAsync(db, lastMonth, ct);
        var result = new List<AdvanceFundView>();
        foreach (var area in areas)
        {
            var movements = await db.AdvanceFundMovements.AsNoTracking().Where(m => m.Area == area.Admdvs).OrderByDescending(m => m.Id).Take(command.Movements).ToListAsync(ct);
            var fund = funds.GetValueOrDefault(area.Admdvs);
            result.Add(new AdvanceFundView(area.Admdvs, area.Name, fund?.Amount ?? 0m, fund?.UpdatedAt, lastMonth,
                statement?.Areas.FirstOrDefault(a => a.Area == area.Admdvs)?.Advance, movements));
        }

        return result;
    }
}
