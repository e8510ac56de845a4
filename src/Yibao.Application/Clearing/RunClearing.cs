using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Domain;
using Yibao.Domain.Clearing;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Clearing;

/// <summary>The hub computes a month's clearing (<c>yibao clearing run --month 2026-10</c>): once the month has ended, and again while no area has confirmed it.</summary>
/// <param name="Month">yyyy-MM.</param>
public sealed record RunClearing(string Month, string Actor);

/// <summary>
/// Sums each pair's cross-region settlements of the month net of its cancellations (in the
/// database), derives each area's net position, assesses each insured area's advance against what
/// it owes, and takes in supervision's deductions decided by the month's end. The month's earlier
/// draft is replaced. Staged, for the door's unit of work.
/// </summary>
public sealed class RunClearingHandler(YibaoDbContext db, AgencyCalendar calendar, IOptions<YibaoOptions> options)
{
    /// <summary>How many earlier months the average monthly owing, which sizes an advance, looks back.</summary>
    private const int AverageOverMonths = 11;

    public async Task<Result<ClearingStatementView>> HandleAsync(RunClearing command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parsed = ClearingMonth.Parse(command.Month);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var month = parsed.Value;
        var key = month.ToString();
        if (month.ClearableOn(calendar.Today) is { } open)
        {
            return open;
        }

        var row = await db.ClearingMonths.FirstOrDefaultAsync(m => m.Month == key, ct);
        var old = await db.ClearingPositions.Where(p => p.Month == key).ToListAsync(ct);
        if (ClearingStatement.Recomputable(month, old.Select(p => p.ConfirmedAt is not null)) is { } confirmed)
        {
            return confirmed;
        }

        var pairs = await ClearingSums.PairsAsync(db, month, null, ct);
        var deductions = await (from d in db.Deductions
                                join i in db.Institutions on d.FixmedinsCode equals i.FixmedinsCode
                                where (d.ClearedIn == null && d.DecidedOn <= month.Last) || d.ClearedIn == key
                                select new { Deduction = d, i.Area }).ToListAsync(ct);
        var deducted = deductions.GroupBy(d => d.Area, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.Deduction.Amount), StringComparer.Ordinal);
        var positions = ClearingStatement.Positions(pairs).ToList();
        positions.AddRange(deducted.Keys.Where(a => positions.All(p => p.Area != a)).Select(a => new ClearingPosition(a, 0m, 0m)));

        var funds = await db.AdvanceFunds.AsNoTracking().ToDictionaryAsync(f => f.Area, f => f.Amount, StringComparer.Ordinal, ct);
        var earlierMonths = await db.ClearingMonths.AsNoTracking().Where(m => string.Compare(m.Month, key) < 0)
            .OrderByDescending(m => m.Month).Take(AverageOverMonths).Select(m => m.Month).ToListAsync(ct);
        var earlierOwes = (await db.ClearingPositions.AsNoTracking().Where(p => earlierMonths.Contains(p.Month)).Select(p => new { p.Area, p.Owes }).ToListAsync(ct))
            .GroupBy(p => p.Area, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Owes), StringComparer.Ordinal);
        var terms = options.Value.Clearing.Terms;

        var oldPairs = await db.ClearingPairs.Where(p => p.Month == key).ToListAsync(ct);
        var now = calendar.Clock.GetUtcNow();
        if (row is null)
        {
            row = new ClearingMonthRow { Month = key, Status = ClearingMonthStatus.Draft, RunBy = command.Actor };
            db.ClearingMonths.Add(row);
        }

        (row.Status, row.RunAt, row.RunBy, row.Runs, row.Version) = (ClearingMonthStatus.Draft, now, command.Actor, row.Runs + 1, row.Version + 1);
        row.Settlements = pairs.Sum(p => p.Settled + p.Cancelled);

        // The draft's rows are rewritten in place (a row deleted and added again under its key cannot be tracked twice).
        var pairRows = Replace(db.ClearingPairs, oldPairs, pairs, p => (p.InsuredArea, p.TreatmentArea), p => (p.InsuredArea, p.TreatmentArea),
            p => new ClearingPairRow { Month = key, InsuredArea = p.InsuredArea, TreatmentArea = p.TreatmentArea }, (r, p) =>
            {
                (r.Settled, r.Cancelled, r.MedfeeSumamt, r.FundPaySumamt, r.AcctPay, r.PsnCashPay) = (p.Settled, p.Cancelled, p.MedfeeSumamt, p.FundPaySumamt, p.AcctPay, p.PsnCashPay);
            });
        var positionRows = Replace(db.ClearingPositions, old, positions, r => r.Area, p => p.Area,
            p => new ClearingPositionRow { Month = key, Area = p.Area, AdvanceStatus = "" }, (r, p) =>
            {
                var average = (earlierOwes.GetValueOrDefault(p.Area) + p.Owes) / (earlierMonths.Count + 1);
                var advance = AdvanceFunds.Assess(p.Area, funds.GetValueOrDefault(p.Area), p.Owes, average, terms);
                (r.Owes, r.Owed, r.Deductions) = (p.Owes, p.Owed, deducted.GetValueOrDefault(p.Area));
                (r.Advance, r.AdvanceUsage, r.AdvanceRequired, r.AdvanceStatus, r.TopUp) = (advance.Advance, advance.Usage, advance.Required, advance.Status.ToName(), advance.TopUp);
            });
        foreach (var d in deductions)
        {
            d.Deduction.ClearedIn = key;
        }

        db.Record(now, command.Actor, "clearing.run", "clearing", key,
            $"{pairs.Count} pairs, {row.Settlements} settlements and cancellations, {pairs.Sum(p => p.Amount)} to clear; {deductions.Count} deductions");
        return ClearingViews.Statement(row, pairRows, positionRows, await ClearingViews.AreaNamesAsync(db, ct));
    }

    /// <summary>The rows for <paramref name="values"/>: the old row of each key updated, new keys added, keys gone removed.</summary>
    private static List<TRow> Replace<TRow, TValue, TKey>(DbSet<TRow> set, List<TRow> rows, IEnumerable<TValue> values, Func<TRow, TKey> rowKey, Func<TValue, TKey> valueKey, Func<TValue, TRow> create, Action<TRow, TValue> fill)
        where TRow : class
        where TKey : notnull
    {
        var byKey = rows.ToDictionary(rowKey);
        var result = new List<TRow>();
        foreach (var value in values)
        {
            if (!byKey.Remove(valueKey(value), out var row))
            {
                row = create(value);
                set.Add(row);
            }

            fill(row, value);
            result.Add(row);
        }

        set.RemoveRange(byKey.Values);
        return result;
    }
}
