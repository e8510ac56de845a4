using System.Globalization;
using System.Text;
using static Yibao.Application.CsvText;
using static Yibao.Domain.Money;

namespace Yibao.Application.Clearing;

/// <summary>A month's statement as CSV: the pairs, then the areas, each with its own header; UTF-8 with a byte-order mark so that a spreadsheet reads the Chinese names right.</summary>
internal static class StatementCsv
{
    public static byte[] Write(ClearingStatementView statement)
    {
        var csv = new StringBuilder();
        csv.AppendLine(CultureInfo.InvariantCulture, $"# Yibao inter-area clearing {statement.Month}: {statement.Status}, computed {statement.RunAt:yyyy-MM-dd HH:mm:ss}Z by {statement.RunBy}");
        csv.AppendLine("insuplc_admdvs,treatment_admdvs,settled,cancelled,count,medfee_sumamt,fund_pay_sumamt,acct_pay,psn_cash_pay,clearing_amount");
        foreach (var p in statement.Pairs)
        {
            csv.AppendLine(string.Join(',', p.InsuredArea, p.TreatmentArea, Number(p.Settled), Number(p.Cancelled), Number(p.Count),
                Format(p.MedfeeSumamt), Format(p.FundPaySumamt), Format(p.AcctPay), Format(p.PsnCashPay), Format(p.Amount)));
        }

        csv.AppendLine();
        csv.AppendLine("admdvs,name,owes,owed,net,advance,advance_usage,advance_required,advance_status,top_up,deductions,confirmed_at,confirmed_by");
        foreach (var a in statement.Areas)
        {
            csv.AppendLine(string.Join(',', a.Area, Field(a.AreaName), Format(a.Owes), Format(a.Owed), Format(a.Net), Format(a.Advance.Advance),
                a.Advance.Usage?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "", Format(a.Advance.Required), Domain.Clearing.AdvanceFunds.ToName(a.Advance.Status),
                Format(a.Advance.TopUp), Format(a.Deductions), a.ConfirmedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "", Field(a.ConfirmedBy ?? "")));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Number(long count) => count.ToString(CultureInfo.InvariantCulture);
}
