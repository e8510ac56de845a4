using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Yibao.Domain.Payments;
using Yibao.Server.Features.ECertificate;
using Yibao.Application.Payments;
using Yibao.Server.Infrastructure;

namespace Yibao.Server.Features.Payments;

/// <summary>
/// The person's phone pages for payment orders: the orders waiting for them, and one order with its
/// split, to confirm and pay. Labelled in Chinese and English like the other phone pages.
/// </summary>
internal static class OrderPages
{
    public static IEndpointRouteBuilder MapOrderPages(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/me/orders").ExcludeFromDescription().RequireAuthorization();
        me.MapGet("/", ListAsync);
        me.MapGet("/{payOrdId}", OrderAsync);
        me.MapPost("/{payOrdId}/confirm", ConfirmAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, GetPaymentOrderHandler orders, GetInstitutionNamesHandler institutions)
    {
        var psnNo = PsnNo(http);
        var rows = await orders.HandleAsync(new ListPaymentOrders(psnNo), http.RequestAborted);
        var names = await institutions.HandleAsync(new GetInstitutionNames(rows.Select(o => o.FixmedinsCode).ToList()), http.RequestAborted);
        var items = string.Concat(rows.Select(o => $"""
            <section class="setl">
              <h2><a href="/me/orders/{o.PayOrdId}?pay_token={o.PayToken}">{WebUtility.HtmlEncode(names.GetValueOrDefault(o.FixmedinsCode, o.FixmedinsCode))}</a></h2>
              <p class="hint">{StatusLabel(o.Status.ToName())} · ¥{o.CashTotal:0.00}</p>
            </section>
            """));
        return PhonePage.Render("订单 Orders", $"""
            <h1>待支付订单<br><small>My payment orders</small></h1>
            {(items.Length == 0 ? "<p class=\"hint\">暂无订单 No orders.</p>" : items)}
            <p class="hint"><a href="/me/certificate">医保电子凭证 Certificate</a> · <a href="/me/settlements">结算记录 Settlements</a></p>
            """);
    }

    private static Task<IResult> OrderAsync(string payOrdId, [FromQuery(Name = "pay_token")] string? payToken, HttpContext http, IServiceProvider services) =>
        RenderOrderAsync(payOrdId, payToken, http, services, refusal: null);

    private static async Task<IResult> RenderOrderAsync(string payOrdId, string? payToken, HttpContext http, IServiceProvider services, Domain.DomainError? refusal)
    {
        var provider = services.GetRequiredService<IPaymentProvider>();
        var found = await services.GetRequiredService<GetPaymentOrderHandler>().HandleAsync(new GetPaymentOrder(payOrdId, PsnNo(http)), http.RequestAborted);
        if (!found.IsSuccess)
        {
            return PhonePage.Render("订单 Order", """
                <h1>订单<br><small>Order</small></h1>
                <p class="error">找不到此订单 There is no such order for you.</p>
                <p class="hint"><a href="/me/orders">我的订单 My orders</a></p>
                """, StatusCodes.Status404NotFound);
        }

        var order = PaymentResponses.From(found.Value, services.GetRequiredService<AgencyCalendar>());
        var names = await services.GetRequiredService<GetInstitutionNamesHandler>().HandleAsync(new GetInstitutionNames([order.FixmedinsCode]), http.RequestAborted);
        var tokens = services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var action = order.OrdStas switch
        {
            "created" => $"""
                <form method="post" action="/me/orders/{order.PayOrdId}/confirm">
                  <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
                  <input type="hidden" name="pay_token" value="{WebUtility.HtmlEncode(payToken ?? "")}">
                  <button type="submit" id="confirm">确认并支付 Confirm and pay ¥{order.CashTotal:0.00}</button>
                </form>
                """,
            "awaiting_payment" when order.ProviderTradeNo is { } tradeNo => $"""<a class="button" href="{provider.PayUrlOf(tradeNo)}">继续支付 Continue to pay</a>""",
            "settled" => """<p class="hint"><a href="/me/settlements">结算记录 My settlements</a></p>""",
            _ => "",
        };
        var message = refusal is null ? "" : $"<p class=\"error\">{WebUtility.HtmlEncode($"{refusal.Message} ({refusal.Code})")}</p>";
        return PhonePage.Render("订单 Order", $"""
            <h1>医保移动支付<br><small>Insurance mobile payment</small></h1>
            {message}
            <p class="who">{WebUtility.HtmlEncode(names.GetValueOrDefault(order.FixmedinsCode, order.FixmedinsCode))}</p>
            <p class="state" id="state" data-status="{order.OrdStas}">{StatusLabel(order.OrdStas)}</p>
            <section class="setl">
              <dl>
                <dt>医疗费用 Medical total</dt><dd>{order.MedfeeSumamt:0.00}</dd>
                <dt>统筹基金 Pooled fund</dt><dd>{order.FundPaySumamt:0.00}</dd>
                <dt>个人账户 Personal account</dt><dd>{order.AcctPay:0.00}</dd>
                <dt>自付现金 Your cash share</dt><dd>{order.PsnCashPay:0.00}</dd>
                <dt>配送费 Delivery (not covered)</dt><dd>{order.DeliveryFee:0.00}</dd>
              </dl>
              <dl class="total"><dt>{(order.PaidAt is null ? "应付 To pay" : "已付 Paid")}</dt><dd id="cash-total">{order.CashTotal:0.00}</dd></dl>
            </section>
            <p class="hint">订单号 Order {order.PayOrdId}{(order.OrdStas is "created" or "awaiting_payment" ? $"<br>有效至 Valid until {order.ExpiresAt:HH:mm}" : "")}</p>
            {action}
            <p class="hint"><a href="/me/orders">我的订单 My orders</a></p>
            """, refusal is null ? StatusCodes.Status200OK : ApiError.StatusOf(refusal.Kind));
    }

    private static async Task<IResult> ConfirmAsync(string payOrdId, [FromForm(Name = "pay_token")] string? payToken, HttpContext http, ConfirmPaymentOrderHandler confirm, IServiceProvider services)
    {
        var confirmed = await confirm.HandleAsync(new ConfirmPaymentOrder(payOrdId, PsnNo(http), payToken ?? ""), http.RequestAborted);
        if (!confirmed.IsSuccess)
        {
            return await RenderOrderAsync(payOrdId, payToken, http, services, confirmed.Error);
        }

        return Results.Redirect(confirmed.Value?.PayUrl ?? $"/me/orders/{payOrdId}");
    }

    private static string PsnNo(HttpContext http) => http.User.FindFirstValue(PatientPages.PsnNoClaim)!;

    public static string StatusLabel(string status) => PaymentOrders.TryParseStatus(status, out var s) ? s switch
    {
        OrderStatus.Created => "待确认 Waiting for your confirmation",
        OrderStatus.AwaitingPayment => "待支付 Waiting for payment",
        OrderStatus.Paid => "已支付 Paid",
        OrderStatus.Settled => "已支付并结算 Paid and settled",
        OrderStatus.Revoked => "已撤销 Withdrawn by the hospital",
        OrderStatus.Refunded => "已退款 Refunded",
        _ => "已过期 Expired",
    } : status;
}
