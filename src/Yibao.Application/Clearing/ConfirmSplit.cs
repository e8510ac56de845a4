using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Clearing;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Clearing;

/// <summary>3261: an institution confirms its month's cross-region split, stating the count and totals it holds (net of cancellations).</summary>
public sealed record ConfirmSplit(string FixmedinsCode, int Year, int Month, string MsgId, long Count, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay);

/// <summary>
/// Confirms when the stated count and totals equal the platform's, and refuses with the differences
/// otherwise (<c>clearing_disagrees</c>). A month is confirmed once at a time: a second
/// confirmation while one stands is <c>clearing_already_confirmed</c>; 3262 rolls one back.
/// </summary>
public sealed class ConfirmSplitHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<SplitConfirmationRow>> HandleAsync(ConfirmSplit command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parsed = ClearingMonth.From(command.Year, command.Month);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var month = parsed.Value;
        if (month.ClearableOn(calendar.Today) is { } open)
        {
            return open;
        }

        var key = month.ToString();
        if (await db.SplitConfirmations.AnyAsync(c => c.FixmedinsCode == command.FixmedinsCode && c.Month == key && c.RolledBackAt == null, ct))
        {
            return ClearingErrors.AlreadyConfirmed.With($"the split of {key} is confirmed already: roll the confirmation back (3262) to confirm again");
        }

        var pairs = await ClearingSums.PairsAsync(db, month, command.FixmedinsCode, ct);
        var platform = (Count: pairs.Sum(p => p.Count), Medfee: pairs.Sum(p => p.MedfeeSumamt), Fund: pairs.Sum(p => p.FundPaySumamt), Acct: pairs.Sum(p => p.AcctPay));
        var differences = new List<string>();
        if (command.Count != platform.Count)
        {
            differences.Add($"count {command.Count} ≠ {platform.Count}");
        }

        foreach (var (name, stated, held) in new[] { ("medfee_sumamt", command.MedfeeSumamt, platform.Medfee), ("fund_pay_sumamt", command.FundPaySumamt, platform.Fund), ("acct_pay", command.AcctPay, platform.Acct) })
        {
            if (stated != held)
            {
                differences.Add($"{name} {stated:0.00} ≠ {held:0.00}");
            }
        }

        if (differences.Count > 0)
        {
            return ClearingErrors.Disagrees.With($"the split of {key} differs from the platform's: {string.Join("; ", differences)}");
        }

        var now = calendar.Clock.GetUtcNow();
        var row = new SplitConfirmationRow
        {
            MsgId = command.MsgId, FixmedinsCode = command.FixmedinsCode, Month = key, Count = platform.Count,
            MedfeeSumamt = platform.Medfee, FundPaySumamt = platform.Fund, AcctPay = platform.Acct, ConfirmedAt = now,
        };
        db.SplitConfirmations.Add(row);
        db.Record(now, command.FixmedinsCode, "clearing.split-confirm", "clearing", key, $"{platform.Count} settlements, fund {platform.Fund}, account {platform.Acct}");
        return row;
    }
}
