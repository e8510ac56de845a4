using System.Net;
using System.Security.Claims;
using Yibao.Application.ECertificates;
using Yibao.Application.Prescriptions;
using Yibao.Domain.Prescriptions;
using Yibao.Server.Features.ECertificate;
using Yibao.Server.Infrastructure;

namespace Yibao.Server.Features.Prescriptions;

/// <summary>
/// The person's phone pages for prescriptions: their circulating prescriptions (drugs, validity,
/// state, where they may be dispensed), and one with a short-lived, single-use QR code for the
/// pharmacy to scan (7201), refreshed before it expires.
/// </summary>
internal static class PrescriptionPages
{
    public static IEndpointRouteBuilder MapPrescriptionPages(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/me/prescriptions").ExcludeFromDescription().RequireAuthorization();
        me.MapGet("/", ListAsync);
        me.MapGet("/{hiRxno}", PrescriptionAsync);
        me.MapGet("/{hiRxno}/qr.json", QrAsync);
        return app;
    }

    private static string PsnNo(HttpContext http) => http.User.FindFirstValue(PatientPages.PsnNoClaim)!;

    private static async Task<IResult> ListAsync(HttpContext http, ListPersonPrescriptionsHandler prescriptions, AgencyCalendar calendar)
    {
        var list = (await prescriptions.HandleAsync(new ListPersonPrescriptions(PsnNo(http)), http.RequestAborted)).Value;
        var body = string.Concat(list.Select(p => $"""
            <section class="setl{(p.Shown is RxStatus.Expired or RxStatus.Revoked ? " cancelled" : "")}">
              <h2><a href="/me/prescriptions/{p.Prescription.HiRxno}">{WebUtility.HtmlEncode(p.InstitutionName)}</a></h2>
              <p class="hint">{Local(p.Prescription.PrscTime, calendar)} · <span class="rx-state">{State(p.Shown)}</span></p>
              <dl>{string.Concat(p.Drugs.Select(d => $"<dt>{WebUtility.HtmlEncode(d.DrugGenname)}</dt><dd>{d.DrugCnt:0.##} {WebUtility.HtmlEncode(d.DrugDosunt)}</dd>"))}</dl>
              <p class="hint">有效至 Valid until {Local(p.Prescription.ValiEndTime, calendar)}</p>
            </section>
            """));
        return PhonePage.Render("电子处方 Prescriptions", $"""
            <h1>电子处方<br><small>My prescriptions</small></h1>
            {(body.Length == 0 ? "<p class=\"hint\">暂无处方 No prescriptions yet.</p>" : body)}
            <p class="hint"><a href="/me/certificate">医保电子凭证 Certificate</a> · <a href="/me/settlements">结算记录 Settlements</a></p>
            """);
    }

    private static async Task<IResult> PrescriptionAsync(string hiRxno, HttpContext http, GetPrescriptionHandler prescriptions, QrCodes qrCodes, AgencyCalendar calendar)
    {
        var psnNo = PsnNo(http);
        var found = await prescriptions.HandleAsync(new GetPrescription(hiRxno, Viewer.Person(psnNo)), http.RequestAborted);
        if (!found.IsSuccess)
        {
            return PhonePage.Render("电子处方 Prescription", """<h1>电子处方<br><small>Prescription</small></h1><p class="error">没有这张处方 There is no such prescription of yours.</p><p class="hint"><a href="/me/prescriptions">我的处方 My prescriptions</a></p>""", StatusCodes.Status404NotFound);
        }

        var view = found.Value;
        var rx = view.Prescription;
        var scannable = view.Shown is RxStatus.Uploaded or RxStatus.Dispensing && view.Seal is null;
        var qr = scannable ? qrCodes.IssuePrescription(psnNo, rx.HiRxno) : default;
        var code = scannable
            ? PhonePage.LiveQr(http, qr.Content, qr.ExpiresAt, $"/me/prescriptions/{rx.HiRxno}/qr.json", "请向药店出示 Show this code at the pharmacy; it serves once.")
            : view.Seal is not null ? "<p class=\"error\">此处方签名校验失败，不能取药 This prescription fails its signature check: it cannot be dispensed.</p>" : "";
        return PhonePage.Render("电子处方 Prescription", $"""
            <h1>电子处方<br><small>Prescription {rx.HiRxno}</small></h1>
            <p class="state" id="rx-state">{State(view.Shown)}</p>
            {code}
            <section class="setl">
              <h2>{WebUtility.HtmlEncode(view.InstitutionName)}</h2>
              <p class="hint">{Local(rx.PrscTime, calendar)} · 有效至 valid until {Local(rx.ValiEndTime, calendar)}</p>
              <dl>{string.Concat(view.Drugs.Select(d => $"<dt>{WebUtility.HtmlEncode(d.DrugGenname)}</dt><dd>{d.DrugCnt:0.##} {WebUtility.HtmlEncode(d.DrugDosunt)}</dd>"))}</dl>
              <p class="hint">{Where(rx.RxExraAttrCode)}{(rx.MaxReptCnt > 1 ? $" · 可取药 {rx.MaxReptCnt} 次 dispensed up to {rx.MaxReptCnt} times ({rx.Dispensings} so far)" : "")}</p>
            </section>
            <p class="hint"><a href="/me/prescriptions">我的处方 My prescriptions</a></p>
            """);
    }

    private static async Task<IResult> QrAsync(string hiRxno, HttpContext http, GetPrescriptionHandler prescriptions, QrCodes qrCodes)
    {
        var psnNo = PsnNo(http);
        var found = await prescriptions.HandleAsync(new GetPrescription(hiRxno, Viewer.Person(psnNo)), http.RequestAborted);
        if (!found.IsSuccess || found.Value.Shown is not (RxStatus.Uploaded or RxStatus.Dispensing))
        {
            return Results.NotFound();
        }

        var (content, expiresAt) = qrCodes.IssuePrescription(psnNo, hiRxno);
        return PhonePage.QrJson(content, expiresAt);
    }

    private static string Local(DateTimeOffset at, AgencyCalendar calendar) => at.ToOffset(calendar.UtcOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Where it may be dispensed (<c>rxExraAttrCode</c>).</summary>
    private static string Where(string code) => code switch
    {
        "01" => "双通道药店或医院 Dual-channel pharmacies and hospitals",
        "02" => "门诊统筹定点药店 Outpatient-pooling designated pharmacies",
        _ => "任一定点药店 Any designated pharmacy",
    };

    private static string State(RxStatus status) => status switch
    {
        RxStatus.Uploaded => "待取药 Ready to dispense",
        RxStatus.Dispensing => "药店配药中 Being dispensed",
        RxStatus.Dispensed => "已取药 Dispensed",
        RxStatus.Settled => "已核销 Dispensed and settled",
        RxStatus.Revoked => "已撤销 Revoked",
        RxStatus.Expired => "已过期 Expired",
        _ => "未生效 Not yet valid",
    };
}
