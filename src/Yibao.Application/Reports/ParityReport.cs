using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;

namespace Yibao.Application.Reports;

/// <summary>One benefit kind on one channel over the period.</summary>
/// <param name="FundShare">Σ fund_pay_sumamt / Σ medfee_sumamt.</param>
/// <param name="AverageRatio">The mean of the ratios the policy applied (after retired bonus, clamp and cross-region reduction).</param>
public sealed record ParityRow(string BenefitKind, string Channel, int Count, decimal MedfeeSumamt, decimal FundPaySumamt, decimal FundShare, decimal AverageRatio);

/// <summary>
/// Online against offline, for the settlements made under one insured area's policy in a period:
/// the evidence, for the agency, that Internet+ care is paid exactly as offline care.
/// </summary>
public sealed record GetParityReport(string InsuredArea, DateOnly From, DateOnly To);

public sealed class GetParityReportHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<ParityRow>> HandleAsync(GetParityReport command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (insuredArea, from, to) = command;

        // Summed here rather than in SQL: SQLite keeps decimals as text.
        var settlements = await db.Settlements.AsNoTracking()
            .Where(s => s.InsuredArea == insuredArea && s.Status == SettlementStatus.Settled && s.SettlementDate >= from && s.SettlementDate <= to)
            .Select(s => new { s.BenefitKind, s.Channel, s.MedfeeSumamt, s.FundPaySumamt, s.Ratio })
            .ToListAsync(cancellationToken);
        return settlements
            .GroupBy(s => (s.BenefitKind, s.Channel))
            .Select(g =>
            {
                var medfee = g.Sum(s => s.MedfeeSumamt);
                var fund = g.Sum(s => s.FundPaySumamt);
                return new ParityRow(
                    g.Key.BenefitKind,
                    g.Key.Channel,
                    g.Count(),
                    medfee,
                    fund,
                    medfee == 0 ? 0m : Math.Round(fund / medfee, 4, MidpointRounding.AwayFromZero),
                    Math.Round(g.Average(s => s.Ratio), 4, MidpointRounding.AwayFromZero));
            })
            .OrderBy(r => r.BenefitKind, StringComparer.Ordinal)
            .ThenBy(r => r.Channel, StringComparer.Ordinal)
            .ToList();
    }
}
