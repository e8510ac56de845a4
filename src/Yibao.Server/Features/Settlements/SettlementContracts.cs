using Yibao.Application.Settlements;
using Yibao.Domain.Lifecycles;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Settlements;

/// <param name="UseAccount">Pay the person's part from the personal account first (default true).</param>
/// <param name="MdtrtCertType">How the person was identified; an online visit settles only with 01, the e-certificate.</param>
/// <param name="MdtrtCertNo">With 01: the ecToken the institution got by decoding the person's QR code, face-checked.</param>
public sealed record SettleRequest(bool? UseAccount, string? MdtrtCertType = null, string? MdtrtCertNo = null);

public sealed record SettlementLineResponse(string FeedetlSn, string Code, decimal Amount, decimal Fulamt, decimal Over, decimal Pre, decimal Inscp);

/// <summary>A settlement with the national field names of 2207's <c>setlinfo</c>.</summary>
/// <param name="SetlId">Null for a pre-settlement, which stores nothing.</param>
public sealed record SettlementResponse(
    string? SetlId,
    string MdtrtId,
    string PsnNo,
    string FixmedinsCode,
    string Insutype,
    string MedType,
    string BenefitKind,
    string InsuplcAdmdvs,
    string MdtrtAreaAdmvs,
    string Filing,
    string Channel,
    int EffectiveLevel,
    decimal Ratio,
    decimal MedfeeSumamt,
    decimal FulamtOwnpayAmt,
    decimal OverlmtSelfpay,
    decimal PreselfpayAmt,
    decimal InscpScpAmt,
    decimal ActPayDedc,
    decimal HifpPay,
    decimal PoolPropSelfpay,
    decimal FundPaySumamt,
    decimal PsnPartAmt,
    decimal AcctPay,
    decimal PsnCashPay,
    decimal Balc,
    string Status,
    DateTimeOffset? SetlTime,
    DateTimeOffset? CancelTime,
    IReadOnlyList<SettlementLineResponse> Lines)
{
    /// <summary>The supervision rules' warnings on the claim (none blocking: a blocking one refuses it); absent when there are none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SupervisionWarning>? Warnings { get; init; }
}

/// <summary>A supervision rule's warning: the rule, the content, the amount at stake and the evidence lines.</summary>
public sealed record SupervisionWarning(string RuleId, string RuleName, int SevDeg, string VolaCont, decimal VolaAmt, IReadOnlyList<string> Evidence)
{
    public static IReadOnlyList<SupervisionWarning>? From(Application.Supervision.ClaimFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Findings.Count == 0 ? null : [.. findings.Findings.Select(f => new SupervisionWarning(f.RuleId, f.RuleName, (int)f.Severity, f.Content, f.Amount, f.EvidenceLines))];
    }
}

public sealed record CancelSettlementResponse(string SetlId, string MdtrtId, string Status, decimal AcctPayRestored, decimal FundPayReversed, decimal Balc, DateTimeOffset CancelTime);

/// <summary>Settlements in the native API's form.</summary>
internal static class SettlementResponses
{
    public static SettlementResponse From(SettlementRow s, AgencyCalendar calendar) => new(
        s.SetlId,
        s.MdtrtId,
        s.PsnNo,
        s.FixmedinsCode,
        s.Insutype,
        s.MedType,
        s.BenefitKind,
        s.InsuredArea,
        s.TreatmentArea,
        s.Filing,
        s.Channel,
        s.EffectiveLevel,
        s.Ratio,
        s.MedfeeSumamt,
        s.FulamtOwnpayAmt,
        s.OverlmtSelfpay,
        s.PreselfpayAmt,
        s.InscpScpAmt,
        s.ActPayDedc,
        s.HifpPay,
        s.PoolPropSelfpay,
        s.FundPaySumamt,
        s.PsnPartAmt,
        s.AcctPay,
        s.PsnCashPay,
        s.Balc,
        s.Status.ToName(),
        s.SettledAt.ToOffset(calendar.Now.Offset),
        s.CancelledAt?.ToOffset(calendar.Now.Offset),
        s.Lines.OrderBy(l => l.LineNo).Select(l => new SettlementLineResponse(l.FeedetlSn, l.Code, l.Amount, l.Fulamt, l.Over, l.Pre, l.Inscp)).ToList());

    /// <summary>A pre-settlement: the settlement as it would be stored, with no id and no time.</summary>
    public static SettlementResponse Presettled(SettlementRow s, AgencyCalendar calendar) =>
        From(s, calendar) with { SetlId = null, Status = "presettled", SetlTime = null };

    public static CancelSettlementResponse Cancelled(CancelledSettlement c, AgencyCalendar calendar) =>
        new(c.Settlement.SetlId, c.Settlement.MdtrtId, c.Settlement.Status.ToName(), c.Settlement.AcctPay, c.Settlement.FundPaySumamt, c.Balance, c.CancelledAt.ToOffset(calendar.Now.Offset));
}
