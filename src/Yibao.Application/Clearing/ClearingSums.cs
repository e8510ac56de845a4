using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Clearing;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Clearing;

/// <summary>
/// What a month of cross-region settlements sums to (insured area ≠ treatment area): the
/// settlements made in the month, less the cancellations made in it. On PostgreSQL one aggregate
/// over the date indexes, so that the rows never leave the database; on SQLite, which keeps
/// decimals as text, the rows streamed once and summed exactly here.
/// </summary>
internal static class ClearingSums
{
    public static async Task<List<ClearingPair>> PairsAsync(YibaoDbContext db, ClearingMonth month, string? fixmedinsCode, CancellationToken ct)
    {
        var (from, to) = (month.First, month.Last);
        if (fixmedinsCode is null && await db.HubJournal.AnyAsync(ct))
        {
            return await JournalPairsAsync(db, month, ct);
        }

        var (settled, cancelled) = (SettlementStatus.Settled.ToName(), SettlementStatus.Cancelled.ToName());
        if (db.IsPostgres())
        {
            var rows = await db.Database.SqlQuery<PairRow>($"""
                SELECT insured_area, treatment_area, count(*) FILTER (WHERE sign > 0) AS settled, count(*) FILTER (WHERE sign < 0) AS cancelled,
                       coalesce(sum(sign * medfee_sumamt), 0) AS medfee_sumamt, coalesce(sum(sign * fund_pay_sumamt), 0) AS fund_pay_sumamt,
                       coalesce(sum(sign * acct_pay), 0) AS acct_pay, coalesce(sum(sign * psn_cash_pay), 0) AS psn_cash_pay
                FROM (SELECT insured_area, treatment_area, 1 AS sign, medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay FROM settlements
                      WHERE settlement_date >= {from} AND settlement_date <= {to} AND status IN ({settled}, {cancelled}) AND insured_area <> treatment_area
                        AND ({fixmedinsCode}::text IS NULL OR fixmedins_code = {fixmedinsCode})
                      UNION ALL
                      SELECT insured_area, treatment_area, -1, medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay FROM settlements
                      WHERE cancellation_date >= {from} AND cancellation_date <= {to} AND insured_area <> treatment_area
                        AND ({fixmedinsCode}::text IS NULL OR fixmedins_code = {fixmedinsCode})) x
                GROUP BY insured_area, treatment_area
                ORDER BY insured_area, treatment_area
                """).ToListAsync(ct);
            return rows.Select(r => new ClearingPair(r.InsuredArea, r.TreatmentArea, r.Settled, r.Cancelled, r.MedfeeSumamt, r.FundPaySumamt, r.AcctPay, r.PsnCashPay)).ToList();
        }

        var sums = new SortedDictionary<(string, string), ClearingPair>();
        foreach (var part in new[] { Made(db, month, fixmedinsCode), Undone(db, month, fixmedinsCode) })
        {
            await foreach (var s in part.AsAsyncEnumerable().WithCancellation(ct))
            {
                Add(sums, s.InsuredArea, s.TreatmentArea, s.Cancellation, (s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.PsnCashPay));
            }
        }

        return [.. sums.Values];
    }

    /// <summary>
    /// At the hub, whose settlements are the nodes': the journal of the messages it routed, as both
    /// sides committed them (a cancellation less, a restoration more), by the date it routed them.
    /// </summary>
    private static async Task<List<ClearingPair>> JournalPairsAsync(YibaoDbContext db, ClearingMonth month, CancellationToken ct)
    {
        var (from, to, committed, cancel) = (month.First, month.Last, Federation.InsuredNodes.Committed, "cancel");
        if (db.IsPostgres())
        {
            var rows = await db.Database.SqlQuery<PairRow>($"""
                SELECT insured_area, treatment_area, count(*) FILTER (WHERE kind <> {cancel}) AS settled, count(*) FILTER (WHERE kind = {cancel}) AS cancelled,
                       coalesce(sum(CASE WHEN kind = {cancel} THEN -medfee_sumamt ELSE medfee_sumamt END), 0) AS medfee_sumamt,
                       coalesce(sum(CASE WHEN kind = {cancel} THEN -fund_pay_sumamt ELSE fund_pay_sumamt END), 0) AS fund_pay_sumamt,
                       coalesce(sum(CASE WHEN kind = {cancel} THEN -acct_pay ELSE acct_pay END), 0) AS acct_pay,
                       coalesce(sum(CASE WHEN kind = {cancel} THEN -psn_cash_pay ELSE psn_cash_pay END), 0) AS psn_cash_pay
                FROM hub_journal
                WHERE routed_date >= {from} AND routed_date <= {to} AND status = {committed} AND insured_area <> treatment_area
                GROUP BY insured_area, treatment_area
                ORDER BY insured_area, treatment_area
                """).ToListAsync(ct);
            return rows.Select(r => new ClearingPair(r.InsuredArea, r.TreatmentArea, r.Settled, r.Cancelled, r.MedfeeSumamt, r.FundPaySumamt, r.AcctPay, r.PsnCashPay)).ToList();
        }

        var sums = new SortedDictionary<(string, string), ClearingPair>();
        var journal = db.HubJournal.AsNoTracking().Where(j => j.RoutedDate >= from && j.RoutedDate <= to && j.Status == committed && j.InsuredArea != j.TreatmentArea);
        await foreach (var j in journal.AsAsyncEnumerable().WithCancellation(ct))
        {
            Add(sums, j.InsuredArea, j.TreatmentArea, j.Kind == cancel, (j.MedfeeSumamt, j.FundPaySumamt, j.AcctPay, j.PsnCashPay));
        }

        return [.. sums.Values];
    }

    /// <summary>One settlement counted into its pair, or one cancellation counted out of it (SQLite's sums, in decimal).</summary>
    private static void Add(SortedDictionary<(string, string), ClearingPair> sums, string insured, string treatment, bool undo, (decimal Medfee, decimal Fund, decimal Acct, decimal Cash) amounts)
    {
        var sign = undo ? -1 : 1;
        var p = sums.GetValueOrDefault((insured, treatment)) ?? new ClearingPair(insured, treatment, 0, 0, 0m, 0m, 0m, 0m);
        sums[(insured, treatment)] = p with
        {
            Settled = p.Settled + (undo ? 0 : 1),
            Cancelled = p.Cancelled + (undo ? 1 : 0),
            MedfeeSumamt = p.MedfeeSumamt + (sign * amounts.Medfee),
            FundPaySumamt = p.FundPaySumamt + (sign * amounts.Fund),
            AcctPay = p.AcctPay + (sign * amounts.Acct),
            PsnCashPay = p.PsnCashPay + (sign * amounts.Cash),
        };
    }

    /// <summary>
    /// A page of the month's split detail (an institution's, or all): the settlements made in the
    /// month in time order, then the cancellations made in it, each a line of its own; with the
    /// number of lines in all.
    /// </summary>
    public static async Task<(List<SplitDetail> Lines, long Total)> PageAsync(YibaoDbContext db, ClearingMonth month, string? fixmedinsCode, int skip, int take, CancellationToken ct)
    {
        var (from, to) = (month.First, month.Last);
        // A setl_id starts with the time it was issued, so that its order is the time order; SQLite cannot order instants.
        var made = MadeIn(CrossRegion(db, fixmedinsCode), from, to).OrderBy(s => s.SettlementDate).ThenBy(s => s.SetlId);
        var undone = UndoneIn(CrossRegion(db, fixmedinsCode), from, to).OrderBy(s => s.CancellationDate).ThenBy(s => s.SetlId);
        var madeCount = await made.LongCountAsync(ct);
        var total = madeCount + await undone.LongCountAsync(ct);
        var lines = skip < madeCount ? await made.Skip(skip).Take(take).Select(AsMade).ToListAsync(ct) : [];
        if (lines.Count < take)
        {
            var after = (int)Math.Max(0, skip - madeCount);
            lines.AddRange(await undone.Skip(after).Take(take - lines.Count).Select(AsUndone).ToListAsync(ct));
        }

        return (lines, total);
    }

    private static IQueryable<SplitDetail> Made(YibaoDbContext db, ClearingMonth month, string? fixmedinsCode) =>
        MadeIn(CrossRegion(db, fixmedinsCode), month.First, month.Last).Select(AsMade);

    private static IQueryable<SplitDetail> Undone(YibaoDbContext db, ClearingMonth month, string? fixmedinsCode) =>
        UndoneIn(CrossRegion(db, fixmedinsCode), month.First, month.Last).Select(AsUndone);

    /// <summary>The cross-region settlements made in the month (still standing, or cancelled since).</summary>
    private static IQueryable<SettlementRow> MadeIn(IQueryable<SettlementRow> settlements, DateOnly from, DateOnly to) =>
        settlements.Where(s => s.SettlementDate >= from && s.SettlementDate <= to && (s.Status == SettlementStatus.Settled || s.Status == SettlementStatus.Cancelled));

    /// <summary>The cross-region cancellations made in the month, whenever their settlements were made.</summary>
    private static IQueryable<SettlementRow> UndoneIn(IQueryable<SettlementRow> settlements, DateOnly from, DateOnly to) =>
        settlements.Where(s => s.CancellationDate >= from && s.CancellationDate <= to);

    private static readonly System.Linq.Expressions.Expression<Func<SettlementRow, SplitDetail>> AsMade = s =>
        new SplitDetail(s.SetlId, s.MdtrtId, s.PsnNo, s.FixmedinsCode, s.InsuredArea, s.TreatmentArea, false, s.SettledAt, s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.PsnCashPay);

    private static readonly System.Linq.Expressions.Expression<Func<SettlementRow, SplitDetail>> AsUndone = s =>
        new SplitDetail(s.SetlId, s.MdtrtId, s.PsnNo, s.FixmedinsCode, s.InsuredArea, s.TreatmentArea, true, s.CancelledAt!.Value, s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.PsnCashPay);

    private static IQueryable<SettlementRow> CrossRegion(YibaoDbContext db, string? fixmedinsCode) =>
        fixmedinsCode is null
            ? db.Settlements.AsNoTracking().Where(s => s.InsuredArea != s.TreatmentArea)
            : db.Settlements.AsNoTracking().Where(s => s.InsuredArea != s.TreatmentArea && s.FixmedinsCode == fixmedinsCode);

    private sealed record PairRow(string InsuredArea, string TreatmentArea, long Settled, long Cancelled, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay);
}

/// <summary>A line of a month's split detail: a settlement, or the cancellation of one (its amounts count against).</summary>
public sealed record SplitDetail(string SetlId, string MdtrtId, string PsnNo, string FixmedinsCode, string InsuredArea, string TreatmentArea, bool Cancellation, DateTimeOffset At, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay);
