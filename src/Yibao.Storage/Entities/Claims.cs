using Yibao.Domain.Lifecycles;

namespace Yibao.Storage.Entities;

/// <summary>A visit (就诊, <c>mdtrt_id</c>) registered by an institution for a person.</summary>
public sealed class VisitRow
{
    public required string MdtrtId { get; set; }
    public required string PsnNo { get; set; }
    public required string FixmedinsCode { get; set; }
    public required string MedType { get; set; }
    public required string Channel { get; set; }
    public required string VisitKind { get; set; }

    /// <summary>Online visits only: the Internet+ service given (followUp, pharmacyClinic, homeNursing), checked against the agreement's scope.</summary>
    public string? OnlineService { get; set; }

    /// <summary>The filing resolved at registration from the person's filings valid on the visit date.</summary>
    public required string Filing { get; set; }

    public required string InsuredArea { get; set; }
    public required string TreatmentArea { get; set; }
    public string? DiseaseCode { get; set; }
    public DateTimeOffset BeginTime { get; set; }

    /// <summary>The visit date in the agency's time zone; its year selects policy and accumulators.</summary>
    public DateOnly VisitDate { get; set; }

    /// <summary>Changed only by the visit lifecycle (<see cref="VisitLifecycle"/>).</summary>
    public VisitStatus Status { get; set; }

    public List<FeeLineRow> FeeLines { get; set; } = [];
}

/// <summary>An uploaded fee line with its phase-1 split as computed at upload.</summary>
public sealed class FeeLineRow
{
    public long Id { get; set; }
    public required string MdtrtId { get; set; }
    public required string FeedetlSn { get; set; }
    public required string Code { get; set; }
    public string? Name { get; set; }
    public decimal Price { get; set; }
    public decimal Qty { get; set; }
    public decimal Amount { get; set; }
    public decimal Fulamt { get; set; }
    public decimal Over { get; set; }
    public decimal Pre { get; set; }
    public decimal Inscp { get; set; }
    public required string ChrgitmLv { get; set; }
    public decimal SelfpayProp { get; set; }
    public decimal? PriceCap { get; set; }

    /// <summary>The prescription the line was dispensed on (<c>rxno</c>), and whether it came through the circulation platform (<c>rx_circ_flag</c>).</summary>
    public string? Rxno { get; set; }

    public bool RxCircFlag { get; set; }

    /// <summary>Cancelled lines (2205) are kept for the audit trail but never settled.</summary>
    public bool Cancelled { get; set; }
}

/// <summary>A settlement (<c>setl_id</c>) with everything needed to reverse it exactly.</summary>
public sealed class SettlementRow
{
    public required string SetlId { get; set; }
    public required string MdtrtId { get; set; }
    public required string PsnNo { get; set; }
    public required string FixmedinsCode { get; set; }
    public required string Insutype { get; set; }
    public required string InsuredArea { get; set; }
    public required string TreatmentArea { get; set; }
    public required string MedType { get; set; }
    public required string BenefitKind { get; set; }
    public int Year { get; set; }
    public required string Channel { get; set; }
    public required string Filing { get; set; }
    public int EffectiveLevel { get; set; }
    public decimal Ratio { get; set; }
    public int CatalogueVersion { get; set; }
    public int PolicyRevision { get; set; }

    /// <summary>Whether the person chose to pay from the personal account (<c>acct_used_flag</c>): with <see cref="Retired"/>, what phase 2 read besides the ledger, kept so that the settlement can be re-settled (the what-if simulator).</summary>
    public bool AcctUsedFlag { get; set; } = true;

    /// <summary>Whether the person was retired when settled (the ratio's bonus).</summary>
    public bool Retired { get; set; }

    public decimal MedfeeSumamt { get; set; }
    public decimal FulamtOwnpayAmt { get; set; }
    public decimal OverlmtSelfpay { get; set; }
    public decimal PreselfpayAmt { get; set; }
    public decimal InscpScpAmt { get; set; }
    public decimal ActPayDedc { get; set; }
    public decimal HifpPay { get; set; }
    public decimal PoolPropSelfpay { get; set; }
    public decimal FundPaySumamt { get; set; }
    public decimal PsnPartAmt { get; set; }
    public decimal AcctPay { get; set; }
    public decimal PsnCashPay { get; set; }
    public decimal Balc { get; set; }

    /// <summary>What this settlement added to the accumulator; a cancellation subtracts exactly this.</summary>
    public decimal DeductibleDelta { get; set; }

    public decimal FundDelta { get; set; }

    /// <summary>Changed only by the settlement lifecycle (<see cref="SettlementLifecycle"/>).</summary>
    public SettlementStatus Status { get; set; }

    public DateTimeOffset SettledAt { get; set; }
    public DateOnly SettlementDate { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateOnly? CancellationDate { get; set; }
    public List<SettlementLineRow> Lines { get; set; } = [];
}

public sealed class SettlementLineRow
{
    public required string SetlId { get; set; }
    public int LineNo { get; set; }
    public required string FeedetlSn { get; set; }
    public required string Code { get; set; }
    public decimal Amount { get; set; }
    public decimal Fulamt { get; set; }
    public decimal Over { get; set; }
    public decimal Pre { get; set; }
    public decimal Inscp { get; set; }
}

/// <summary>
/// A closed day's settlement totals for one area and one chart (dimension: day, channel,
/// benefit_kind, institution, cross, out), as the dashboard summed them, valid while the day's
/// <see cref="SettlementDayVersionRow.Version"/> is the one recorded here.
/// </summary>
public sealed class SettlementDayTotalRow
{
    public DateOnly Day { get; set; }

    /// <summary>The treatment area; for dimension "out", the insured area.</summary>
    public required string Area { get; set; }

    public required string Dimension { get; set; }
    public required string Key { get; set; }
    public long Version { get; set; }
    public int Count { get; set; }
    public decimal FundPaid { get; set; }
    public decimal MedfeeSumamt { get; set; }
}

/// <summary>Bumped whenever a settlement of a past day is written (a late cancellation, a restore, a commit, history), so that the day's totals are summed again.</summary>
public sealed class SettlementDayVersionRow
{
    public DateOnly Day { get; set; }
    public long Version { get; set; }
}
