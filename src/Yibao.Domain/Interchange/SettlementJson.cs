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

    /// <summary>The amount fields of rules 5–10 with their national names, in the spec's order.</summary>
    public static IEnumerable<(string Name, decimal Amount)> Fields(SettlementResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        yield return ("medfee_sumamt", r.MedfeeSumamt);
        yield return ("fulamt_ownpay_amt", r.FulamtOwnpayAmt);
        yield return ("overlmt_selfpay", r.OverlmtSelfpay);
        yield return ("preselfpay_amt", r.PreselfpayAmt);
        yield return ("inscp_scp_amt", r.InscpScpAmt);
        yield return ("act_pay_dedc", r.ActPayDedc);
        yield return ("hifp_pay", r.HifpPay);
        yield return ("pool_prop_selfpay", r.PoolPropSelfpay);
        yield return ("fund_pay_sumamt", r.FundPaySumamt);
        yield return ("psn_part_amt", r.PsnPartAmt);
        yield return ("acct_pay", r.AcctPay);
        yield return ("psn_cash_pay", r.PsnCashPay);
        yield return ("balc", r.Balc);
    }
}
