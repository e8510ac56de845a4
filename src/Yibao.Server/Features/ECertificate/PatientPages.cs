using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Yibao.Application.ECertificates;
using Yibao.Application.Persons;
using Yibao.Application.Settlements;
using Yibao.Domain.Lifecycles;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.ECertificate;

/// <summary>
/// The person's phone pages: sign in, and the certificate QR code, refreshed before it expires.
/// Server-rendered, phone-sized, labelled in Chinese and English.
/// </summary>
internal static class PatientPages
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string PsnNoClaim = "psn_no";

    public static void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/me").ExcludeFromDescription();
        me.MapGet("/sign-in", SignInPage).AllowAnonymous();
        me.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireSignInBudget();
        me.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(Scheme);
            return Results.Redirect("/me/sign-in");
        }).RequireAuthorization();
        me.MapGet("/certificate", CertificatePageAsync).RequireAuthorization();
        me.MapGet("/settlements", SettlementsPageAsync).RequireAuthorization();
        me.MapGet("/certificate/qr.json", (HttpContext http, QrCodes qrCodes) =>
        {
            var (content, expiresAt) = qrCodes.Issue(http.User.FindFirstValue(PsnNoClaim)!);
            return PhonePage.QrJson(content, expiresAt);
        }).RequireAuthorization();
    }

    private static IResult SignInPage(HttpContext http, IAntiforgery antiforgery, string? error = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? "" : $"<p class=\"error\">{WebUtility.HtmlEncode(error)}</p>";
        return Page("登录 Sign in", $"""
            <h1>医保电子凭证<br><small>Insurance certificate</small></h1>
            {message}
            <form method="post" action="/me/sign-in">
              <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
              <label>身份证号 ID number<input name="certno" inputmode="numeric" autocomplete="username" required maxlength="30"></label>
              <label>验证码 Code<input name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="10"></label>
              <button type="submit">登录 Sign in</button>
            </form>
            <p class="hint">Demo: any demo person's ID number with code {DemoPersonSignIn.DemoCode}.</p>
            """);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] string? certno, [FromForm] string? code, IPersonSignIn signIn, IAntiforgery antiforgery)
    {
        var psnNo = string.IsNullOrWhiteSpace(certno) || string.IsNullOrWhiteSpace(code) ? null : await signIn.VerifyAsync(certno.Trim(), code.Trim(), http.RequestAborted);
        if (psnNo is null)
        {
            return SignInPage(http, antiforgery, "身份证号或验证码不正确 The ID number or code is not right.");
        }

        var identity = new ClaimsIdentity([new Claim(PsnNoClaim, psnNo)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return Results.Redirect("/me/certificate");
    }

    private static async Task<IResult> CertificatePageAsync(HttpContext http, GetPersonHandler persons, QrCodes qrCodes, IAntiforgery antiforgery)
    {
        var psnNo = http.User.FindFirstValue(PsnNoClaim)!;
        var found = await persons.HandleAsync(new GetPerson(psnNo), http.RequestAborted);
        if (!found.IsSuccess)
        {
            await http.SignOutAsync(Scheme);
            return Results.Redirect("/me/sign-in");
        }

        var person = found.Value;
        var (content, expiresAt) = qrCodes.Issue(psnNo);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Page("医保电子凭证 Certificate", $$"""
            <h1>医保电子凭证<br><small>Insurance certificate</small></h1>
            <p class="who">{{WebUtility.HtmlEncode(person.Name)}} · {{Domain.Privacy.Masking.IdNumber(person.Certno)}}</p>
            {{PhonePage.LiveQr(http, content, expiresAt, "/me/certificate/qr.json", "请向医院或药店出示 Show this code at the hospital or pharmacy.")}}
            <p class="hint"><a href="/me/orders">待支付订单 My orders</a> · <a href="/me/settlements">结算记录 My settlements</a> · <a href="/me/prescriptions">电子处方 Prescriptions</a> · <a href="/me/filings" id="link-filings">异地备案 Filing</a></p>
            <form method="post" action="/me/sign-out">
              <input type="hidden" name="{{tokens.FormFieldName}}" value="{{tokens.RequestToken}}">
              <button type="submit" class="secondary">退出 Sign out</button>
            </form>
            """);
    }

    /// <summary>The person's settlements, newest first, each with its split: fund, account, cash.</summary>
    private static async Task<IResult> SettlementsPageAsync(HttpContext http, ListPersonSettlementsHandler settlements, AgencyCalendar calendar)
    {
        var psnNo = http.User.FindFirstValue(PsnNoClaim)!;
        var rows = (await settlements.HandleAsync(new ListPersonSettlements(psnNo), http.RequestAborted))
            .Select(x => $"""
                <section class="setl{(x.Settlement.Status == SettlementStatus.Cancelled ? " cancelled" : "")}">
                  <h2>{WebUtility.HtmlEncode(x.InstitutionName)}</h2>
                  <p class="hint">{Gateway.GatewayFormats.Time(x.Settlement.SettledAt, calendar)} · {(x.Settlement.Channel == "online" ? "线上 online" : "线下 offline")}{(x.Settlement.Status == SettlementStatus.Cancelled ? " · 已撤销 cancelled" : "")}</p>
                  <dl>
                    <dt>医疗费用 Medical total</dt><dd>{x.Settlement.MedfeeSumamt:0.00}</dd>
                    <dt>统筹基金 Pooled fund</dt><dd>{x.Settlement.FundPaySumamt:0.00}</dd>
                    <dt>个人账户 Personal account</dt><dd>{x.Settlement.AcctPay:0.00}</dd>
                    <dt>现金 Cash</dt><dd>{x.Settlement.PsnCashPay:0.00}</dd>
                  </dl>
                </section>
                """);
        var body = string.Concat(rows);
        return Page("结算记录 Settlements", $"""
            <h1>结算记录<br><small>My settlements</small></h1>
            {(body.Length == 0 ? "<p class=\"hint\">暂无结算 No settlements yet.</p>" : body)}
            <p class="hint"><a href="/me/certificate">医保电子凭证 Certificate</a></p>
            """);
    }

    private static IResult Page(string title, string body) => PhonePage.Render(title, body);
}
