using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Clearing;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Clearing;

/// <summary>An area's statement for a month: its position, its advance as assessed against the month, the deductions clawed back from its institutions, and its confirmation.</summary>
public sealed record AreaStatement(string Area, string AreaName, decimal Owes, decimal Owed, AdvanceAssessment Advance, decimal Deductions, DateTimeOffset? ConfirmedAt, string? ConfirmedBy)
{
    /// <summary>Owes less owed: positive, the area pays.</summary>
    public decimal Net => Owes - Owed;

    public bool Confirmed => ConfirmedAt is not null;
}

/// <summary>A month's clearing: its state, each pair's sums, each area's statement.</summary>
public sealed record ClearingStatementView(string Month, string Status, DateTimeOffset RunAt, string RunBy, int Runs, long Settlements, DateTimeOffset? ClosedAt, IReadOnlyList<ClearingPair> Pairs, IReadOnlyList<AreaStatement> Areas)
{
    public decimal Amount => Pairs.Sum(p => p.Amount);
}

/// <summary>The month's rows as the statement a door shows.</summary>
internal static class ClearingViews
{
    public static ClearingStatementView Statement(ClearingMonthRow month, IEnumerable<ClearingPairRow> pairs, IEnumerable<ClearingPositionRow> positions, IReadOnlyDictionary<string, string> areaNames) => new(
        month.Month, month.Status, month.RunAt, month.RunBy, month.Runs, month.Settlements, month.ClosedAt,
        pairs.OrderBy(p => p.InsuredArea, StringComparer.Ordinal).ThenBy(p => p.TreatmentArea, StringComparer.Ordinal)
            .Select(p => new ClearingPair(p.InsuredArea, p.TreatmentArea, p.Settled, p.Cancelled, p.MedfeeSumamt, p.FundPaySumamt, p.AcctPay, p.PsnCashPay)).ToList(),
        positions.OrderBy(p => p.Area, StringComparer.Ordinal).Select(p => new AreaStatement(
            p.Area, areaNames.GetValueOrDefault(p.Area, p.Area), p.Owes, p.Owed,
            new AdvanceAssessment(p.Area, p.Advance, p.Owes, p.AdvanceUsage, p.AdvanceRequired, ParseStatus(p.AdvanceStatus), p.TopUp),
            p.Deductions, p.ConfirmedAt, p.ConfirmedBy)).ToList());

    public static async Task<ClearingStatementView?> LoadAsync(YibaoDbContext db, string month, CancellationToken ct)
    {
        var row = await db.ClearingMonths.AsNoTracking().FirstOrDefaultAsync(m => m.Month == month, ct);
        if (row is null)
        {
            return null;
        }

        var pairs = await db.ClearingPairs.AsNoTracking().Where(p => p.Month == month).ToListAsync(ct);
        var positions = await db.ClearingPositions.AsNoTracking().Where(p => p.Month == month).ToListAsync(ct);
        return Statement(row, pairs, positions, await AreaNamesAsync(db, ct));
    }

    public static async Task<Dictionary<string, string>> AreaNamesAsync(YibaoDbContext db, CancellationToken ct) =>
        await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Admdvs, a => a.Name, StringComparer.Ordinal, ct);

    private static AdvanceStatus ParseStatus(string name) => name switch
    {
        "warning" => AdvanceStatus.Warning,
        "top_up" => AdvanceStatus.TopUp,
        _ => AdvanceStatus.Ok,
    };
}
