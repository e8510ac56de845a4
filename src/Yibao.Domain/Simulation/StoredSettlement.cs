using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;

namespace Yibao.Domain.Simulation;

/// <summary>
/// A stored settlement as the what-if simulator reads it: what phase 2 read (the claim's totals
/// from phase 1, the level, the filing, the person's facts and balance), what it produced, and when
/// it took from and gave back to the person's ledger.
/// </summary>
public sealed record StoredSettlement
{
    public required string SetlId { get; init; }
    public required string MedType { get; init; }
    public required Channel Channel { get; init; }
    public required BenefitKind BenefitKind { get; init; }
    public required int EffectiveLevel { get; init; }

    /// <summary>The settling institution's own level, for the report (the ratio reads <see cref="EffectiveLevel"/>).</summary>
    public required int InstitutionLevel { get; init; }

    public required Filing Filing { get; init; }
    public required bool AcctUsedFlag { get; init; }
    public required bool Retired { get; init; }
    public required ClaimTotals Totals { get; init; }

    /// <summary>The personal-account balance before the settlement (<c>balc</c> + <c>acct_pay</c>).</summary>
    public required decimal BalanceBefore { get; init; }

    public required decimal FundPaySumamt { get; init; }
    public required decimal AcctPay { get; init; }
    public required decimal PsnCashPay { get; init; }

    /// <summary>What it added to the accumulator.</summary>
    public required Accumulator Delta { get; init; }

    public required SettlementStatus Status { get; init; }
    public required DateTimeOffset SettledAt { get; init; }
    public required DateOnly SettlementDate { get; init; }

    /// <summary>When a cancelled or released settlement gave back what it took.</summary>
    public DateTimeOffset? GivenBackAt { get; init; }

    /// <summary>Still holding what it took from the ledger: settled, or held by a payment order.</summary>
    public bool Stands => Status is SettlementStatus.Settled or SettlementStatus.Pending;
}

/// <summary>
/// One person's settlements of one year under one policy, in the order they were settled, with
/// the person's accumulators as they are now (which every standing settlement is part of).
/// </summary>
public sealed record PersonHistory(string PsnNo, IReadOnlyList<StoredSettlement> Settlements, AccumulatorSet AccumulatorsNow);

/// <summary>A stored settlement settled again: what the pooled fund, the account and the person's cash would have paid.</summary>
public readonly record struct Resettlement(StoredSettlement Stored, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay, Accumulator Delta)
{
    public bool Changed => FundPaySumamt != Stored.FundPaySumamt || AcctPay != Stored.AcctPay || PsnCashPay != Stored.PsnCashPay;
}
