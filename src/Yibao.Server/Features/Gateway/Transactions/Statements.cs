using Yibao.Application.Reconciliation;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>3201 total reconciliation and 3202 detail reconciliation (对总账, 对明细账).</summary>
internal static class Statements
{
    /// <summary>Compares the institution's totals for a period with the platform's (net of cancellations).</summary>
    public static async Task<object?> TotalsAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var insutype = data.Text("insutype", 6);
        var from = data.Date("stmt_begndate");
        var to = data.Date("stmt_enddate");
        var clearingArea = data.OptionalText("setl_optins", 6);
        var command = new ReconcileTotals(call.Institution.FixmedinsCode, insutype, from, to, clearingArea,
            data.Decimal("medfee_sumamt"), data.Decimal("fund_pay_sumamt"), data.Decimal("acct_pay"), (int)data.Decimal("fixmedins_setl_cnt"));
        var result = GatewayCall.Expect(await call.Use<ReconcileTotalsHandler>().HandleAsync(command, ct));
        return new
        {
            stmtinfo = new StmtInfo(
                clearingArea ?? call.Institution.Area,
                result.Agrees ? "0" : "1",
                result.Agrees ? "totals agree" : string.Join("; ", result.Differences)),
        };
    }

    /// <summary>
    /// Compares the institution's settlements of a period one by one. The details travel inline, in
    /// <c>data.details[]</c> (or beside <c>data</c> as <c>input.details[]</c>); a file named by
    /// <c>file_qury_no</c> (9101) is not taken.
    /// </summary>
    public static async Task<object?> DetailsAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        if (data.OptionalText("file_qury_no", 50) is not null)
        {
            throw new GatewayRefusal("3202 takes the settlements inline in data.details[]; files uploaded with 9101 are not supported.");
        }

        var details = data.Element.TryGetProperty("details", out _) ? data.List("details") : call.Input.List("details");
        var command = new ReconcileDetails(
            call.Institution.FixmedinsCode,
            data.Date("stmt_begndate"),
            data.Date("stmt_enddate"),
            data.OptionalText("setl_optins", 6),
            new StatedTotalsOfDetails(data.Decimal("medfee_sumamt"), data.Decimal("fund_pay_sumamt"), data.Decimal("cash_payamt"), (int)data.Decimal("fixmedins_setl_cnt")),
            data.Flag("refd_setl_flag"),
            details.Select(d => new StatedSettlement(
                d.Text("setl_id", 40), d.Text("mdtrt_id", 40), d.Text("psn_no", 30), d.Decimal("medfee_sumamt"), d.Decimal("fund_pay_sumamt"), d.Decimal("acct_pay"), d.Flag("refd_setl_flag"))).ToList());
        var result = GatewayCall.Expect(await call.Use<ReconcileDetailsHandler>().HandleAsync(command, ct));
        return new DetailOutput(
            result.Results.Select(r => new DetailResultOutput(r.SetlId, ((int)r.Result).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Memo)).ToList(),
            result.PlatformOnly.Select(p => new PlatformOnlyOutput(p.SetlId, p.MdtrtId, p.PsnNo, p.MedfeeSumamt, p.FundPaySumamt, p.AcctPay, GatewayFormats.Time(p.SettledAt, call.Calendar), p.Cancelled ? "1" : "0")).ToList(),
            result.PlatformOnlyCount);
    }

}

internal sealed record StmtInfo(string SetlOptins, string StmtRslt, string StmtRsltDscr);

/// <param name="PlatformOnlyCnt">How many settlements only the platform has; <c>platform_only</c> lists the first 1,000 by setl_id.</param>
internal sealed record DetailOutput(IReadOnlyList<DetailResultOutput> Result, IReadOnlyList<PlatformOnlyOutput> PlatformOnly, int PlatformOnlyCnt);

/// <param name="StmtRslt">0 agrees, 1 differs, 2 cancelled on the platform, 3 unknown to the platform.</param>
internal sealed record DetailResultOutput(string SetlId, string StmtRslt, string Memo);

internal sealed record PlatformOnlyOutput(string SetlId, string MdtrtId, string PsnNo, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, string SetlTime, string RefdSetlFlag);
