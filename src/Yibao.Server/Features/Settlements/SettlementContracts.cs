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
    IReadOnlyList<SettlementLineResponse> Lines);

public sealed record CancelSettlementResponse(string SetlId, string MdtrtId, string Status, decimal AcctPayRestored, decimal FundPayReversed, decimal Balc, DateTimeOffset CancelTime);
