using System.Globalization;
using System.Text;
using Yibao.Application.Settlements;
using static Yibao.Application.CsvText;
using static Yibao.Domain.Money;
using Yibao.Server.Infrastructure;

namespace Yibao.Server.Features.Console;

/// <summary>
/// <c>GET /console/settlements.csv</c>: the explorer's search as CSV, streamed row by row from the
/// database to the response (any size, flat memory), UTF-8 with a byte-order mark so that a
/// spreadsheet reads the Chinese right; the person masked as on the page.
/// </summary>
internal static class SettlementExport
{
    private static readonly string[] Header =
    [
        "setl_id", "settled_at", "fixmedins_code", "psn_no", "psn_name", "certno", "channel", "benefit_kind",
        "insuplc_admdvs", "treatment_admdvs", "status", "medfee_sumamt", "fund_pay_sumamt", "acct_pay", "psn_cash_pay",
    ];

    public static async Task<IResult> ExportAsync(HttpContext http, SearchSettlementsHandler search, AgencyCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(http);
        var command = ConsoleSearches.Settlements(calendar, http.Request.Query) with { Before = null };
        var rows = search.Stream(command);
        if (!rows.IsSuccess)
        {
            return ApiError.From(rows.Error).ToResult();
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=settlements-{command.From:yyyyMMdd}-{command.To:yyyyMMdd}.csv";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(string.Join(',', Header));
        await foreach (var s in rows.Value.WithCancellation(http.RequestAborted))
        {
            await writer.WriteLineAsync(string.Join(',',
                s.SetlId, Gateway.GatewayFormats.Time(s.SettledAt, calendar), s.FixmedinsCode, s.PsnNo,
                Field(s.PsnNameMasked), s.CertnoMasked, s.Channel, s.BenefitKind, s.InsuredArea, s.TreatmentArea, s.Status,
                Format(s.MedfeeSumamt), Format(s.FundPaySumamt), Format(s.AcctPay), Format(s.PsnCashPay)));
        }

        return Results.Empty;
    }
}
