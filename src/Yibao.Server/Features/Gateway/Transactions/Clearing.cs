using System.Globalization;
using Yibao.Application.Clearing;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>3260 the month's cross-region split detail, 3261 its confirmation, 3262 a confirmation rolled back (清分明细).</summary>
internal static class ClearingTransactions
{
    /// <summary>A page of the institution's cross-region settlements of <c>trt_year</c>/<c>trt_month</c>: each settlement, and each cancellation as a line of its own with the amounts negated (<c>refd_setl_flag</c> 1).</summary>
    public static async Task<object?> DetailAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var command = new ExtractSplitDetail(call.Institution.FixmedinsCode, Whole(data.Decimal("trt_year")), Whole(data.Decimal("trt_month")),
            Whole(data.OptionalDecimal("page_num") ?? 1), Whole(data.OptionalDecimal("page_size") ?? ExtractSplitDetail.DefaultPageSize));
        var page = GatewayCall.Expect(await call.Use<ExtractSplitDetailHandler>().HandleAsync(command, ct));
        return new SplitDetailOutput(
            page.Lines.Select(l =>
            {
                var sign = l.Cancellation ? -1 : 1;
                return new SplitDetailLine(l.SetlId, l.MdtrtId, l.PsnNo, l.InsuredArea, l.TreatmentArea, sign * l.MedfeeSumamt, sign * l.FundPaySumamt, sign * l.AcctPay, sign * l.PsnCashPay,
                    GatewayFormats.Time(l.At, call.Calendar), l.Cancellation ? "1" : "0");
            }).ToList(),
            page.PageNum, page.PageSize, page.Total, page.Pages);
    }

    /// <summary>Confirms the month's split when the stated count and totals (net of cancellations) are the platform's.</summary>
    public static async Task<object?> ConfirmAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var command = new ConfirmSplit(call.Institution.FixmedinsCode, Whole(data.Decimal("trt_year")), Whole(data.Decimal("trt_month")), call.Request.Msgid,
            (long)data.Decimal("setl_cnt"), data.Decimal("medfee_sumamt"), data.Decimal("fund_pay_sumamt"), data.Decimal("acct_pay"));
        var confirmed = GatewayCall.Expect(await call.Use<ConfirmSplitHandler>().HandleAsync(command, ct));
        return new { cnfm_id = confirmed.MsgId, trt_month = confirmed.Month, setl_cnt = confirmed.Count, cnfm_time = GatewayFormats.Time(confirmed.ConfirmedAt, call.Calendar) };
    }

    /// <summary>Rolls back the confirmation whose 3261 had the message id <c>otransid</c>.</summary>
    public static async Task<object?> RollBackAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var rolled = GatewayCall.Expect(await call.Use<RollBackSplitConfirmationHandler>().HandleAsync(new RollBackSplitConfirmation(call.Institution.FixmedinsCode, data.Text("otransid", 30)), ct));
        return new { otransid = rolled.MsgId, trt_month = rolled.Month, rlbk_time = GatewayFormats.Time(rolled.RolledBackAt!.Value, call.Calendar) };
    }

    private static int Whole(decimal value) =>
        value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new GatewayRefusal(string.Create(CultureInfo.InvariantCulture, $"{value} is not a whole number"));
}

internal sealed record SplitDetailOutput(IReadOnlyList<SplitDetailLine> Setldetail, int PageNum, int PageSize, long Total, long Pages);

internal sealed record SplitDetailLine(string SetlId, string MdtrtId, string PsnNo, string InsuplcAdmdvs, string MdtrtareaAdmvs, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay, string SetlTime, string RefdSetlFlag);
