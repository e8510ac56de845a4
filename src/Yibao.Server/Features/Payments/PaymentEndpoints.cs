using Yibao.Server.Infrastructure;

namespace Yibao.Server.Features.Payments;

/// <summary>The institution's side of mobile payment, and the providers' callbacks.</summary>
internal static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/visits/{mdtrtId}/payment-order", CreateAsync)
            .WithTags("Mobile payment").WithName("CreatePaymentOrder")
            .WithSummary("Hold the visit's settlement in a payment order (payOrdId, payToken) for the person to confirm and pay")
            .Produces<PaymentOrderResponse>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        var orders = app.MapGroup("/api/payment-orders").WithTags("Mobile payment");
        orders.MapGet("/{payOrdId}", GetAsync)
            .WithName("GetPaymentOrder").WithSummary("An order's state, split and history")
            .Produces<PaymentOrderResponse>().ProducesProblem(404);
        orders.MapPost("/{payOrdId}/revocation", RevokeAsync)
            .WithName("RevokePaymentOrder").WithSummary("Withdraw an unpaid order; its hold is given back")
            .Produces<PaymentOrderResponse>().ProducesProblem(404).ProducesProblem(409);
        orders.MapPost("/{payOrdId}/refund", RefundAsync)
            .WithName("RefundPaymentOrder").WithSummary("Refund a settled order in full: the settlement is cancelled exactly and the cash returned")
            .Produces<PaymentOrderResponse>().ProducesProblem(404).ProducesProblem(409);

        app.MapPost("/api/payments/notify/{provider}", NotifyAsync)
            .WithTags("Mobile payment").WithName("PaymentNotification")
            .WithSummary("The payment provider's signed callback")
            .Produces<NotificationResponse>().ProducesProblem(401).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        return app;
    }

    private static Task<IResult> CreateAsync(string mdtrtId, CreatePaymentOrderRequest? request, HttpContext http, IdempotentWrites writes, PaymentOrderService orders) =>
        writes.RunAsync(http, request, ct => orders.CreateCoreAsync(mdtrtId, request ?? new CreatePaymentOrderRequest(null, null, null, null), ct));

    private static async Task<IResult> GetAsync(string payOrdId, PaymentOrderService orders, CancellationToken ct)
    {
        var order = await orders.GetAsync(payOrdId, psnNo: null, ct);
        return order.IsSuccess ? Results.Ok(order.Value) : order.Error.ToResult();
    }

    private static Task<IResult> RevokeAsync(string payOrdId, PaymentOrderActionRequest? request, HttpContext http, IdempotentWrites writes, PaymentOrderService orders) =>
        writes.RunAsync(http, new { payOrdId, request }, ct => orders.RevokeCoreAsync(payOrdId, request?.Reason, ct));

    private static Task<IResult> RefundAsync(string payOrdId, PaymentOrderActionRequest? request, HttpContext http, IdempotentWrites writes, PaymentOrderService orders) =>
        writes.RunAsync(http, new { payOrdId, request }, ct => orders.RefundCoreAsync(payOrdId, request?.Reason, ct));

    private static async Task<IResult> NotifyAsync(string provider, HttpContext http, IPaymentProvider payments, PaymentOrderService orders)
    {
        if (provider != payments.Name)
        {
            return ApiError.NotFound("unknown_provider", $"No payment provider {provider} is configured.").ToResult();
        }

        var body = await RequestBody.ReadTextAsync(http.Request, 64 * 1024, http.RequestAborted);
        if (!body.IsSuccess)
        {
            return body.Error.ToResult();
        }

        if (payments.ReadNotification(body.Value, http.Request.Headers) is not { } notification)
        {
            return new ApiError(401, "callback_signature_invalid", "The notification's signature does not verify; nothing was changed.").ToResult();
        }

        var outcome = await orders.NotifyAsync(notification, http.RequestAborted);
        return outcome.IsSuccess ? Results.Ok(outcome.Value) : outcome.Error.ToResult();
    }
}
