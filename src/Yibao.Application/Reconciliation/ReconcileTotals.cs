using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;

namespace Yibao.Application.Reconciliation;

/// <summary>The totals an institution states for a period (3201), to compare with the platform's.</summary>
/// <param name="ClearingArea">The insured area to reconcile (<c>setl_optins</c>); all areas when absent.</param>
public sealed record ReconcileTotals(string FixmedinsCode, string Insutype, DateOnly From, DateOnly To, string? ClearingArea, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, int Count);

/// <summary>Whether the totals agree, and each difference.</summary>
public sealed record Reconciliation(bool Agrees, IReadOnlyList<string> Differences);

/// <summary>Compares the institution's totals with the platform's settlements in the period, net of cancellations.</summary>
public sealed class ReconcileTotalsHandler(YibaoDbContext db)
{
    public async Task<Result<Reconciliation>> HandleAsync(ReconcileTotals command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.To < command.From)
        {
            return ReconciliationErrors.InvalidPeriod.With("stmt_enddate is before stmt_begndate.");
        }

        var settled = await db.Settlements.AsNoTracking()
            .Where(s => s.FixmedinsCode == command.FixmedinsCode && s.Insutype == command.Insutype && s.Status == SettlementStatus.Settled
                && s.SettlementDate >= command.From && s.SettlementDate <= command.To && (command.ClearingArea == null || s.InsuredArea == command.ClearingArea))
            .Select(s => new { s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay })
            .ToListAsync(ct);
        var differences = new List<string>();
        Compare(differences, "medfee_sumamt", command.MedfeeSumamt, settled.Sum(s => s.MedfeeSumamt));
        Compare(differences, "fund_pay_sumamt", command.FundPaySumamt, settled.Sum(s => s.FundPaySumamt));
        Compare(differences, "acct_pay", command.AcctPay, settled.Sum(s => s.AcctPay));
        if (command.Count != settled.Count)
        {
            differences.Add($"fixmedins_setl_cnt {command.Count} vs platform {settled.Count}");
        }

        return new Reconciliation(differences.Count == 0, differences);
    }

    private static void Compare(List<string> differences, string name, decimal stated, decimal platform)
    {
        if (stated != platform)
        {
            differences.Add($"{name} {stated:0.00} vs platform {platform:0.00}");
        }
    }
}
