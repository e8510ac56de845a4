using System.Text.Json.Serialization;
using Yibao.Domain.Codes;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>The <c>setlinfo</c> and <c>setldetail</c> blocks of 2206, 2207, 2208 and 5203.</summary>
internal static class SetlOutput
{
    /// <param name="setlId">The settlement's id; null for a pre-settlement, which keeps none.</param>
    public static object Of(SettlementRow s, string? setlId, PersonRow person, string certType, GatewayCall call, DateTimeOffset time, bool negate = false)
    {
        var sign = negate ? -1m : 1m;
        var info = new SetlInfo(
            s.MdtrtId,
            setlId,
            person.PsnNo,
            person.Name,
            "01",
            person.Certno,
            person.Gender,
            person.Naty ?? "",
            GatewayFormats.Date(person.Birthday),
            GatewayFormats.Age(person.Birthday, call.Calendar.DateOf(time)),
            s.Insutype,
            GatewayFormats.PsnType(s.Insutype, person.Retired),
            "0",
            GatewayFormats.Time(time, call.Calendar),
            certType,
            s.MedType,
            sign * s.MedfeeSumamt,
            sign * s.FulamtOwnpayAmt,
            sign * s.OverlmtSelfpay,
            sign * s.PreselfpayAmt,
            sign * s.InscpScpAmt,
            sign * s.ActPayDedc,
            sign * s.HifpPay,
            sign * s.PoolPropSelfpay,
            0m, 0m, 0m, 0m, 0m, 0m,
            sign * s.FundPaySumamt,
            sign * s.PsnPartAmt,
            sign * s.AcctPay,
            sign * s.PsnCashPay,
            0m,
            s.Balc,
            0m,
            call.Request.Msgid,
            s.InsuredArea,
            "1",
            ClearingType(s.MedType));
        var detail = s.Insutype == Insutype.ResidentBasic
            ? new[] { new SetlDetail("390100", sign * s.InscpScpAmt, 0m, sign * s.HifpPay, "城乡居民基本医疗保险基金", "") }
            : new[]
            {
                new SetlDetail("310100", sign * s.InscpScpAmt, 0m, sign * s.HifpPay, "职工基本医疗保险统筹基金", ""),
                new SetlDetail("310200", sign * s.PsnPartAmt, 0m, sign * s.AcctPay, "职工基本医疗保险个人账户", ""),
            };
        var expContent = new SetlExpContent(
            s.Channel, s.InsuredArea == s.TreatmentArea ? "0" : "1", s.InsuredArea, s.TreatmentArea, s.Filing, s.BenefitKind, s.EffectiveLevel, s.CatalogueVersion, s.PolicyRevision);
        return new SetlBlocks(info, detail, expContent);
    }

    private static string ClearingType(string medType) => medType switch
    {
        MedType.Inpatient => "21",
        MedType.PharmacyPurchase => "41",
        _ => "11",
    };
}

/// <param name="PoolPropSelfpay">An amount (eligible − hifp_pay), per spec/settlement.md, not a ratio.</param>
internal sealed record SetlInfo(
    string MdtrtId,
    string? SetlId,
    string PsnNo,
    string PsnName,
    string PsnCertType,
    string Certno,
    string Gend,
    string Naty,
    string Brdy,
    int Age,
    string Insutype,
    string PsnType,
    string CvlservFlag,
    string SetlTime,
    string MdtrtCertType,
    string MedType,
    decimal MedfeeSumamt,
    decimal FulamtOwnpayAmt,
    decimal OverlmtSelfpay,
    decimal PreselfpayAmt,
    decimal InscpScpAmt,
    decimal ActPayDedc,
    decimal HifpPay,
    decimal PoolPropSelfpay,
    decimal CvlservPay,
    decimal HifesPay,
    decimal HifmiPay,
    decimal HifobPay,
    decimal MafPay,
    decimal OthPay,
    decimal FundPaySumamt,
    decimal PsnPartAmt,
    decimal AcctPay,
    decimal PsnCashPay,
    decimal HospPartAmt,
    decimal Balc,
    decimal AcctMulaidPay,
    string MedinsSetlId,
    string ClrOptins,
    string ClrWay,
    string ClrType);

/// <summary>2206, 2207, 2208 and 5203's output: <c>setlinfo</c>, <c>setldetail[]</c> and, as the national platform spells it, <c>expContent</c>.</summary>
internal sealed record SetlBlocks(SetlInfo Setlinfo, IReadOnlyList<SetlDetail> Setldetail, [property: JsonPropertyName("expContent")] SetlExpContent ExpContent);

/// <summary>
/// What the settlement was settled under, beyond <c>setlinfo</c>: its channel, whether it crossed
/// areas (<c>cross_region</c> 0/1) and under which filing, the benefit, the institution's effective
/// level, and the catalogue version and policy revision applied.
/// </summary>
internal sealed record SetlExpContent(
    string Channel,
    string CrossRegion,
    string InsuredArea,
    string TreatmentArea,
    string Filing,
    string BenefitKind,
    int EffectiveLevel,
    int CatalogueVersion,
    int PolicyRevision);

internal sealed record SetlDetail(string FundPayType, decimal InscpScpAmt, decimal CrtPaybLmtAmt, decimal FundPayamt, string FundPayTypeName, string SetlProcInfo);
