using System.Text.Json;
using Yibao.Domain.Settlement;

namespace Yibao.Domain.Interchange;

/// <summary>Writes an outcome in the shape of a case file's <c>expected</c>: amounts as "0.00" strings.</summary>
public static class SettlementJson
{
    public static string Write(Result<SettlementResult> outcome) => JsonWriting.Write(w => Write(w, outcome));

    public static void Write(Utf8JsonWriter w, Result<SettlementResult> outcome)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        if (!outcome.IsSuccess)
        {
            w.WriteString("error", outcome.Error.Code);
            w.WriteEndObject();
            return;
        }

        var r = outcome.Value;
        foreach (var (name, amount) in Fields(r))
        {
            w.WriteString(name, Money.Format(amount));
        }

        w.WriteStartArray("lines");
        foreach (var line in r.Lines)
        {
            w.WriteStartObject();
            w.WriteString("code", line.Code);
            w.WriteString("fulamt", Money.Format(line.Fulamt));
            w.WriteString("over", Money.Format(line.Over));
            w.WriteString("pre", Money.Format(line.Pre));
            w.WriteString("inscp", Money.Format(line.Inscp));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The national names of the amount fields of rules 5–10, in the spec's order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        "medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc",
        "hifp_pay", "pool_prop_selfpay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay", "balc",
    ];

    /// <summary>The amount fields of rules 5–10 with their national names, in the spec's order.</summary>
    public static IEnumerable<(string Name, decimal Amount)> Fields(SettlementResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        decimal[] amounts =
        [
            r.MedfeeSumamt, r.FulamtOwnpayAmt, r.OverlmtSelfpay, r.PreselfpayAmt, r.InscpScpAmt, r.ActPayDedc,
            r.HifpPay, r.PoolPropSelfpay, r.FundPaySumamt, r.PsnPartAmt, r.AcctPay, r.PsnCashPay, r.Balc,
        ];
        return FieldNames.Zip(amounts);
    }
}
