using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Reconciliation;

/// <summary>One settlement as the institution has it (3202's <c>details[]</c>).</summary>
/// <param name="Cancelled">The institution has it refunded (<c>refd_setl_flag</c> 1).</param>
public sealed record StatedSettlement(string SetlId, string MdtrtId, string PsnNo, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, bool Cancelled);

/// <summary>
/// Detail reconciliation (3202, 对明细账): the institution's settlements of a period, one by one.
/// The stated totals are those of the details not flagged cancelled; <paramref name="IncludesCancelled"/>
/// (<c>refd_setl_flag</c>) says whether the institution sent its cancelled settlements too.
/// </summary>
/// <param name="ClearingArea">The insured area to reconcile (<c>setl_optins</c>); all areas when absent.</param>
public sealed record ReconcileDetails(
    string FixmedinsCode,
    DateOnly From,
    DateOnly To,
    string? ClearingArea,
    StatedTotalsOfDetails Totals,
    bool IncludesCancelled,
    IReadOnlyList<StatedSettlement> Details);

/// <summary>The header of 3202: the sums and count of the details that are not cancelled.</summary>
public sealed record StatedTotalsOfDetails(decimal MedfeeSumamt, decimal FundPaySumamt, decimal CashPayamt, int Count);

/// <summary>How one stated settlement compares (<c>stmt_rslt</c>).</summary>
public enum DetailResult
{
    Agrees = 0,
    Differs = 1,
    CancelledOnPlatform = 2,
    UnknownToPlatform = 3,
}

public sealed record DetailComparison(string SetlId, DetailResult Result, string Memo);

/// <summary>A settlement of the platform's in the period that the institution did not send.</summary>
public sealed record PlatformOnlySettlement(string SetlId, string MdtrtId, string PsnNo, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, DateTimeOffset SettledAt, bool Cancelled);

/// <param name="PlatformOnly">At most <see cref="ReconcileDetailsHandler.MaxPlatformOnly"/>; <paramref name="PlatformOnlyCount"/> counts them all.</param>
public sealed record DetailReconciliation(IReadOnlyList<DetailComparison> Results, IReadOnlyList<PlatformOnlySettlement> PlatformOnly, int PlatformOnlyCount);

/// <summary>
/// Compares each stated settlement with the platform's, and lists what the platform has that was not
/// sent. Another institution's settlement answers as unknown, so that ids cannot be probed. The
/// period's settlements are read as a stream, one row at a time.
/// </summary>
public sealed class ReconcileDetailsHandler(YibaoDbContext db)
{
    public const int MaxDetails = 10_000;
    public const int MaxPlatformOnly = 1_000;
    public const int MaxDays = 366;

    /// <summary>The columns a comparison reads, and no more.</summary>
    private static readonly Expression<Func<SettlementRow, PlatformSettlement>> Projected =
        s => new PlatformSettlement(s.SetlId, s.MdtrtId, s.PsnNo, s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.Status, s.SettledAt, s.SettlementDate);

    public async Task<Result<DetailReconciliation>> HandleAsync(ReconcileDetails command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Refusal(command) is { } refusal)
        {
            return refusal;
        }

        var stated = command.Details.ToDictionary(d => d.SetlId, StringComparer.Ordinal);
        var results = new Dictionary<string, DetailComparison>(StringComparer.Ordinal);
        var platformOnly = new List<PlatformOnlySettlement>();
        var platformOnlyCount = 0;
        var period = db.Settlements.AsNoTracking()
            .Where(s => s.FixmedinsCode == command.FixmedinsCode && s.SettlementDate >= command.From && s.SettlementDate <= command.To
                && (command.ClearingArea == null || s.InsuredArea == command.ClearingArea)
                && (s.Status == SettlementStatus.Settled || s.Status == SettlementStatus.Cancelled))
            .OrderBy(s => s.SetlId)
            .Select(Projected);
        await foreach (var settlement in period.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (stated.TryGetValue(settlement.SetlId, out var detail))
            {
                results[detail.SetlId] = Compare(detail, settlement, command);
            }
            else if (settlement.Status == SettlementStatus.Settled || command.IncludesCancelled)
            {
                if (++platformOnlyCount <= MaxPlatformOnly)
                {
                    platformOnly.Add(new PlatformOnlySettlement(settlement.SetlId, settlement.MdtrtId, settlement.PsnNo, settlement.MedfeeSumamt, settlement.FundPaySumamt, settlement.AcctPay, settlement.SettledAt, settlement.Status == SettlementStatus.Cancelled));
                }
            }
        }

        // Stated settlements outside the period (or area) are still looked up, in chunks, by id.
        var rest = command.Details.Where(d => !results.ContainsKey(d.SetlId)).Select(d => d.SetlId).ToList();
        foreach (var chunk in rest.Chunk(500))
        {
            var found = await db.Settlements.AsNoTracking()
                .Where(s => s.FixmedinsCode == command.FixmedinsCode && chunk.Contains(s.SetlId))
                .Select(Projected)
                .ToListAsync(ct);
            foreach (var settlement in found)
            {
                results[settlement.SetlId] = Compare(stated[settlement.SetlId], settlement, command);
            }
        }

        var comparisons = command.Details
            .Select(d => results.TryGetValue(d.SetlId, out var result) ? result : new DetailComparison(d.SetlId, DetailResult.UnknownToPlatform, "The platform has no settlement of this institution with this setl_id."))
            .ToList();
        return new DetailReconciliation(comparisons, platformOnly, platformOnlyCount);
    }

    private static DomainError? Refusal(ReconcileDetails command)
    {
        if (command.To < command.From || command.To.DayNumber - command.From.DayNumber >= MaxDays)
        {
            return ReconciliationErrors.InvalidPeriod.With($"stmt_enddate must not be before stmt_begndate, and a period is at most {MaxDays} days.");
        }

        if (command.Details.Count > MaxDetails)
        {
            return ReconciliationErrors.InvalidDetails.With($"details holds at most {MaxDetails} settlements; reconcile a shorter period.");
        }

        if (command.Details.GroupBy(d => d.SetlId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return ReconciliationErrors.InvalidDetails.With($"setl_id {repeated.Key} appears twice in details.");
        }

        if (!command.IncludesCancelled && command.Details.FirstOrDefault(d => d.Cancelled) is { } cancelled)
        {
            return ReconciliationErrors.InvalidDetails.With($"setl_id {cancelled.SetlId} is flagged cancelled, but refd_setl_flag says cancelled settlements are not included.");
        }

        // The header must add up with the details: a file that does not is refused, not half-compared.
        var active = command.Details.Where(d => !d.Cancelled).ToList();
        var sums = new StatedTotalsOfDetails(active.Sum(d => d.MedfeeSumamt), active.Sum(d => d.FundPaySumamt), active.Sum(d => d.MedfeeSumamt - d.FundPaySumamt - d.AcctPay), active.Count);
        return sums == command.Totals
            ? null
            : ReconciliationErrors.DetailsDoNotAddUp.With(
                $"The stated totals (medfee_sumamt {command.Totals.MedfeeSumamt:0.00}, fund_pay_sumamt {command.Totals.FundPaySumamt:0.00}, cash_payamt {command.Totals.CashPayamt:0.00}, fixmedins_setl_cnt {command.Totals.Count}) "
                + $"are not those of the details not cancelled ({sums.MedfeeSumamt:0.00}, {sums.FundPaySumamt:0.00}, {sums.CashPayamt:0.00}, {sums.Count}).");
    }

    private static DetailComparison Compare(StatedSettlement stated, PlatformSettlement platform, ReconcileDetails command)
    {
        var cancelled = platform.Status == SettlementStatus.Cancelled;
        if (platform.Status == SettlementStatus.Pending)
        {
            return new(stated.SetlId, DetailResult.UnknownToPlatform, "The settlement awaits its mobile payment; it is not settled.");
        }

        if (cancelled && !stated.Cancelled)
        {
            return new(stated.SetlId, DetailResult.CancelledOnPlatform, "The platform has this settlement cancelled.");
        }

        var differences = new List<string>();
        if (!cancelled && stated.Cancelled)
        {
            differences.Add("the institution has it cancelled, the platform settled");
        }

        Differ(differences, "mdtrt_id", stated.MdtrtId, platform.MdtrtId);
        Differ(differences, "psn_no", stated.PsnNo, platform.PsnNo);
        Differ(differences, "medfee_sumamt", stated.MedfeeSumamt, platform.MedfeeSumamt);
        Differ(differences, "fund_pay_sumamt", stated.FundPaySumamt, platform.FundPaySumamt);
        Differ(differences, "acct_pay", stated.AcctPay, platform.AcctPay);
        if (platform.SettlementDate < command.From || platform.SettlementDate > command.To)
        {
            differences.Add($"settled on {platform.SettlementDate:yyyy-MM-dd}, outside the period");
        }

        return differences.Count == 0
            ? new(stated.SetlId, DetailResult.Agrees, cancelled ? "Agrees: cancelled on both sides." : "Agrees.")
            : new(stated.SetlId, DetailResult.Differs, string.Join("; ", differences));
    }

    private static void Differ<T>(List<string> differences, string name, T stated, T platform)
    {
        if (!EqualityComparer<T>.Default.Equals(stated, platform))
        {
            differences.Add(typeof(T) == typeof(decimal) ? $"{name} {stated:0.00} vs platform {platform:0.00}" : $"{name} {stated} vs platform {platform}");
        }
    }

    private sealed record PlatformSettlement(string SetlId, string MdtrtId, string PsnNo, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, SettlementStatus Status, DateTimeOffset SettledAt, DateOnly SettlementDate);
}
