using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlements.Checks;

/// <summary>Where in a claim's life the checks run.</summary>
public enum ClaimStage
{
    /// <summary>A visit being registered: no fees yet.</summary>
    Registration,

    /// <summary>Computed and shown, changing nothing (2206).</summary>
    PreSettlement,

    /// <summary>Settled or held for a payment order (2207, 6201).</summary>
    Settlement,
}

/// <summary>Before the split is computed (eligibility), or after it (what the split must agree with).</summary>
public enum CheckPhase
{
    BeforeComputing,
    AfterComputing,
}

/// <summary>How the person was identified at the institution: <c>mdtrt_cert_type</c> and <c>mdtrt_cert_no</c>.</summary>
public sealed record PersonProof(string? CertType, string? CertNo);

/// <summary>The totals the institution expects (2206/2207 state them); a settlement that differs is refused, whole.</summary>
public sealed record StatedTotals(decimal? MedfeeSumamt, decimal? FulamtOwnpayAmt = null, decimal? OverlmtSelfpay = null, decimal? PreselfpayAmt = null, decimal? InscpScpAmt = null);

/// <summary>What the settlement checks look at: the claim's facts and, after computing, its split.</summary>
public sealed class ClaimContext
{
    public required ClaimStage Stage { get; init; }

    public required string PsnNo { get; init; }

    public required InstitutionFacts Institution { get; init; }

    public required DateOnly VisitDate { get; init; }

    public required Channel Channel { get; init; }

    /// <summary>The Internet+ service an online visit gives.</summary>
    public required OnlineService Service { get; init; }

    public string? DiseaseCode { get; init; }

    public PersonProof? Proof { get; init; }

    public StatedTotals? Stated { get; init; }

    /// <summary>The computed split; set before the <see cref="CheckPhase.AfterComputing"/> checks run.</summary>
    public SettlementResult? Result { get; set; }

    /// <summary>The visit and its fee lines; set with <see cref="Result"/> (a registration has neither).</summary>
    public Storage.Entities.VisitRow? Visit { get; set; }

    public IReadOnlyList<Storage.Entities.FeeLineRow>? Lines { get; set; }
}
