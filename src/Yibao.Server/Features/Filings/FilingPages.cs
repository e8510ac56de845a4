using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Filings;
using Yibao.Domain.Persons;
using Yibao.Server.Features.ECertificate;
using Yibao.Server.Infrastructure;
using Yibao.Storage;

namespace Yibao.Server.Features.Filings;

/// <summary>
/// The person's phone page for cross-region filing (异地就医备案): their filings with their state,
/// a form to file (long-term or temporary, the reason, the place, from when, until when), and a
/// button that ends one.
/// </summary>
internal static class FilingPages
{
    public static IEndpointRouteBuilder MapFilingPages(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/me/filings").ExcludeFromDescription().RequireAuthorization();
        me.MapGet("/", (HttpContext http, ListFilingsHandler list, IAntiforgery antiforgery) => RenderAsync(http, list, antiforgery, null));
        me.MapPost("/", ApplyAsync);
        me.MapPost("/{id:long}/end", EndAsync);
        return app;
    }

    private static string PsnNo(HttpContext http) => http.User.FindFirstValue(PatientPages.PsnNoClaim)!;

    private static async Task<IResult> ApplyAsync(
        HttpContext http, [FromForm] string? type, [FromForm] string? reason, [FromForm(Name = "to_area")] string? toArea, [FromForm] string? from, [FromForm] string? to,
        YibaoDbContext db, WriteGate gate, ApplyForFilingHandler apply, ListFilingsHandler list, IAntiforgery antiforgery)
    {
        var psnNo = PsnNo(http);
        if (!TryDate(from, out var fromDay) || !TryDate(to, out var toDay))
        {
            return await RenderAsync(http, list, antiforgery, FilingErrors.Invalid.With("dates are yyyy-MM-dd"));
        }

        var filed = await db.InTransactionAsync(gate, () => apply.HandleAsync(new ApplyForFiling(psnNo, type ?? "", reason ?? "", toArea ?? "", fromDay, toDay, "phone", "person:" + psnNo), http.RequestAborted), http.RequestAborted);
        return filed.IsSuccess ? Results.Redirect("/me/filings") : await RenderAsync(http, list, antiforgery, filed.Error);
    }

    private static async Task<IResult> EndAsync(long id, HttpContext http, YibaoDbContext db, WriteGate gate, EndFilingHandler end, ListFilingsHandler list, IAntiforgery antiforgery)
    {
        var psnNo = PsnNo(http);
        var ended = await db.InTransactionAsync(gate, () => end.HandleAsync(new EndFiling(psnNo, id, "phone", "person:" + psnNo), http.RequestAborted), http.RequestAborted);
        return ended.IsSuccess ? Results.Redirect("/me/filings") : await RenderAsync(http, list, antiforgery, ended.Error);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, ListFilingsHandler list, IAntiforgery antiforgery, Domain.DomainError? refusal)
    {
        var found = (await list.HandleAsync(new ListFilings(PsnNo(http)), http.RequestAborted)).Value;
        var tokens = antiforgery.GetAndStoreTokens(http);
        var hidden = $"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""";
        var names = found.Places.ToDictionary(p => p.Code, p => p.Name);
        var items = string.Concat(found.Filings.Select(f => $"""
            <section class="setl{(f.Status == "ended" ? " cancelled" : "")}" data-filing="{f.Id}">
              <h2>{WebUtility.HtmlEncode(names.GetValueOrDefault(f.ToArea, f.ToArea))}</h2>
              <p class="hint">{TypeLabel(f.Type)} · {WebUtility.HtmlEncode(ReasonLabel(f.Reason))}</p>
              <p class="hint">{f.From:yyyy-MM-dd} – {(f.To is { } t ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "长期 open-ended")} · <span class="filing-state">{StatusLabel(f.Status)}</span></p>
              {(f.Status == "ended" ? "" : $"""<form method="post" action="/me/filings/{f.Id}/end">{hidden}<button type="submit" class="secondary end-filing">终止备案 End this filing</button></form>""")}
            </section>
            """));
        var places = string.Concat(found.Places.Select(p => $"""<option value="{p.Code}">{WebUtility.HtmlEncode(p.Name)} {p.Code}</option>"""));
        var reasons = string.Concat(FilingRules.LongTermReasons.Select(r => $"""<option value="{r}">长期 long-term: {ReasonLabel(r)}</option>""")
            .Concat(FilingRules.TemporaryReasons.Select(r => $"""<option value="{r}">临时 temporary: {ReasonLabel(r)}</option>""")));
        var error = refusal is null ? "" : $"""<p class="error" id="filing-error">{WebUtility.HtmlEncode(refusal.Message)} ({refusal.Code})</p>""";
        return PhonePage.Render("异地就医备案 Filing", $"""
            <h1>异地就医备案<br><small>Treatment in another area</small></h1>
            {error}
            {(items.Length == 0 ? "<p class=\"hint\">暂无备案 No filings yet.</p>" : items)}
            <h2>新备案 File</h2>
            <form method="post" action="/me/filings" id="apply-filing">
              {hidden}
              <label>类型 Type<select name="type" id="filing-type"><option value="temporaryFiled">临时 temporary (at least 6 months)</option><option value="longTerm">长期 long-term (until ended)</option></select></label>
              <label>原因 Reason<select name="reason" id="filing-reason">{reasons}</select></label>
              <label>就医地 Place<select name="to_area" id="filing-place">{places}</select></label>
              <label>开始 From<input type="date" name="from" id="filing-from"></label>
              <label>结束 Until (temporary, optional)<input type="date" name="to" id="filing-to"></label>
              <button type="submit" id="submit-filing">提交备案 File</button>
            </form>
            <p class="hint">急诊可在结算前补办 An emergency may be filed after the treatment, until it is settled.</p>
            <p class="hint"><a href="/me/certificate">医保电子凭证 Certificate</a> · <a href="/me/settlements">结算记录 Settlements</a></p>
            """, refusal is null ? StatusCodes.Status200OK : ApiError.StatusOf(refusal.Kind));
    }

    private static bool TryDate(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var ok = DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        day = ok ? parsed : null;
        return ok;
    }

    private static string TypeLabel(string type) => type == "longTerm" ? "长期备案 long-term" : "临时备案 temporary";

    private static string StatusLabel(string status) => status switch
    {
        "active" => "有效 active",
        "upcoming" => "未开始 upcoming",
        _ => "已终止 ended",
    };

    private static string ReasonLabel(string reason) => reason switch
    {
        "retiree" => "异地安置退休 resettled retiree",
        "resident" => "异地长期居住 long-term resident",
        "posted" => "常驻异地工作 posted worker",
        "referral" => "转诊转院 referral",
        "emergency" => "急诊抢救 emergency",
        "other" => "其他 other",
        _ => reason,
    };
}
