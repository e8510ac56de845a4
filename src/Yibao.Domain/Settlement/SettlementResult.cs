using Yibao.Domain.Codes;
using Yibao.Domain.Persons;

namespace Yibao.Domain.Settlement;

/// <summary>Sums of phase 1 over a claim's lines (spec rule 5).</summary>
public readonly record struct ClaimTotals(decimal MedfeeSumamt, decimal FulamtOwnpayAmt, decimal OverlmtSelfpay, decimal PreselfpayAmt, decimal InscpScpAmt);

/// <summary>Phase 1 of a claim: each line's split and the totals.</summary>
public sealed record ClassifiedClaim(IReadOnlyList<LineSplit> Lines, ClaimTotals Totals);

/// <summary>
/// The outcome of one settlement, with the national field names of rules 5–10, the lines' split,
/// and the changes to apply to the person's accumulators and account.
/// </summary>
public sealed class SettlementResult
{
    public required BenefitKind BenefitKind { get; init; }

    /// <summary>The level the ratio and deductible were read at (spec rule 8).</summary>
    public required int EffectiveLevel { get; init; }

    /// <summary>The ratio applied after the retired bonus, the clamp and the cross-region reduction.</summary>
    public required decimal Ratio { get; init; }

    public required decimal MedfeeSumamt { get; init; }
    public required decimal FulamtOwnpayAmt { get; init; }
    public required decimal OverlmtSelfpay { get; init; }
    public required decimal PreselfpayAmt { get; init; }
    public required decimal InscpScpAmt { get; init; }
    public required decimal ActPayDedc { get; init; }
    public required decimal HifpPay { get; init; }
    public required decimal PoolPropSelfpay { get; init; }
    public required decimal FundPaySumamt { get; init; }
    public required decimal PsnPartAmt { get; init; }
    public required decimal AcctPay { get; init; }
    public required decimal PsnCashPay { get; init; }

    /// <summary>The personal-account balance after this settlement.</summary>
    public required decimal Balc { get; init; }

    public required IReadOnlyList<LineSplit> Lines { get; init; }

    /// <summary>What to add to the person's accumulator for <see cref="BenefitKind"/> (rule 11).</summary>
    public required Accumulator AccumulatorDelta { get; init; }
}
