using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Yibao.Application.Payments;
using Yibao.Server.Infrastructure;

namespace Yibao.Server.Features.Payments;

/// <summary>
/// The simulated provider's cashier: the page a real provider (a wallet app) would show. Paying
/// there sends the provider's signed notification through the same verification as a callback
/// posted to <c>/api/payments/notify/simulated</c>.
/// </summary>
internal static class SimulatedCashier
{
    public static IEndpointRouteBuilder MapSimulatedCashier(this IEndpointRouteBuilder app)
    {
        var cashier = app.MapGroup("/sim-pay").ExcludeFromDescription();
        cashier.MapGet("/{tradeNo}", Page);
        cashier.MapPost("/{tradeNo}", PayAsync);
        return app;
    }

    private static IResult Page(string tradeNo, HttpContext http, IPaymentProvider provider, IAntiforgery antiforgery)
    {
        if (provider is not SimulatedPaymentProvider simulated || simulated.Find(tradeNo) is not { } trade)
        {
            return PhonePage.Render("收银台 Cashier", """<h1>模拟收银台<br><small>Simulated cashier</small></h1><p class="error">没有这笔交易 No such trade.</p>""");
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        var state = trade.Paid ? "已支付 Paid" : trade.Closed ? "已关闭 Closed" : "";
        return PhonePage.Render("收银台 Cashier", $"""
            <h1>模拟收银台<br><small>Simulated cashier</small></h1>
            <p class="hint">Yibao's built-in payment provider for demos and tests: no money moves.</p>
            <p class="who">支付 Pay <strong id="amount">¥{trade.Amount:0.00}</strong></p>
            <p class="hint">订单 Order {WebUtility.HtmlEncode(trade.PayOrdId)}</p>
            {(state.Length > 0 ? $"<p class=\"state\">{state}</p><a class=\"button\" href=\"{trade.ReturnUrl}\">返回 Back</a>" : $"""
            <form method="post" action="/sim-pay/{tradeNo}">
              <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
              <button type="submit" id="pay">付款 Pay ¥{trade.Amount:0.00}</button>
            </form>
            <a class="button secondary" href="{trade.ReturnUrl}">返回 Back</a>
            """)}
            """);
    }

    private static async Task<IResult> PayAsync(string tradeNo, IPaymentProvider provider, NotifyPaymentHandler notify, CancellationToken ct)
    {
        if (provider is not SimulatedPaymentProvider simulated || simulated.Find(tradeNo) is not { } trade)
        {
            return Results.Redirect($"/sim-pay/{tradeNo}");
        }

        if (simulated.Pay(tradeNo) is { } signed)
        {
            // Delivered in-process; a real provider posts the same signed body to /api/payments/notify/{provider}.
            var notification = simulated.ReadNotification(signed.Body, name => name == SimulatedPaymentProvider.SignatureHeader ? signed.Signature : "")!;
            await notify.HandleAsync(new NotifyPayment(notification), ct);
        }

        return Results.Redirect(trade.ReturnUrl);
    }
}
