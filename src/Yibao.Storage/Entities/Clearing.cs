namespace Yibao.Storage.Entities;

/// <summary>A clearing month (<c>yyyy-MM</c>): computed (draft), being confirmed area by area, then closed for good.</summary>
public sealed class ClearingMonthRow
{
    public required string Month { get; set; }

    /// <summary><c>draft</c> (may be computed again), <c>confirming</c> (an area has confirmed), <c>closed</c> (every area has).</summary>
    public required string Status { get; set; }

    public DateTimeOffset RunAt { get; set; }
    public required string RunBy { get; set; }

    /// <summary>How many times the month was computed while a draft.</summary>
    public int Runs { get; set; }

    /// <summary>The cross-region settlements and cancellations the month counted.</summary>
    public long Settlements { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Bumped by each run and confirmation, so that of two at once one wins.</summary>
    public int Version { get; set; }
}

/// <summary>A pair's month (insured area, treatment area): settlements and cancellations, and their sums net of cancellations.</summary>
public sealed class ClearingPairRow
{
    public required string Month { get; set; }
    public required string InsuredArea { get; set; }
    public required string TreatmentArea { get; set; }
    public long Settled { get; set; }
    public long Cancelled { get; set; }
    public decimal MedfeeSumamt { get; set; }
    public decimal FundPaySumamt { get; set; }
    public decimal AcctPay { get; set; }
    public decimal PsnCashPay { get; set; }
}

/// <summary>An area's statement for the month: its position (what it owes and is owed; the net is their difference), its advance as assessed against the month, and its confirmation.</summary>
public sealed class ClearingPositionRow
{
    public required string Month { get; set; }
    public required string Area { get; set; }
    public decimal Owes { get; set; }
    public decimal Owed { get; set; }
    public decimal Advance { get; set; }
    public decimal? AdvanceUsage { get; set; }
    public decimal AdvanceRequired { get; set; }

    /// <summary><c>ok</c>, <c>warning</c> or <c>top_up</c>.</summary>
    public required string AdvanceStatus { get; set; }

    public decimal TopUp { get; set; }

    /// <summary>Supervision's deductions from the area's institutions that this month claws back.</summary>
    public decimal Deductions { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
}

/// <summary>What an insured area holds in advance for its people's treatment elsewhere (预付金).</summary>
public sealed class AdvanceFundRow
{
    public required string Area { get; set; }
    public decimal Amount { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>A change of an advance: a top-up, a return or a setting, with the balance after it.</summary>
public sealed class AdvanceFundMovementRow
{
    public long Id { get; set; }
    public required string Area { get; set; }
    public decimal Change { get; set; }
    public decimal Balance { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
}

/// <summary>An institution's confirmation of its month's cross-region split detail (3261), until rolled back (3262).</summary>
public sealed class SplitConfirmationRow
{
    public long Id { get; set; }

    /// <summary>The 3261's message id, by which 3262 names it (<c>otransid</c>).</summary>
    public required string MsgId { get; set; }

    public required string FixmedinsCode { get; set; }
    public required string Month { get; set; }
    public long Count { get; set; }
    public decimal MedfeeSumamt { get; set; }
    public decimal FundPaySumamt { get; set; }
    public decimal AcctPay { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }
    public DateTimeOffset? RolledBackAt { get; set; }
}
