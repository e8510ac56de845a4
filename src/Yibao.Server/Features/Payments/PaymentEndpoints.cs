using Yibao.Application.Payments;
using Yibao.Application.Settlements;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain.Payments;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Payments;

/// <summary>The institution's side of mobile payment, and the providers' callbacks.</summary>
internal static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/visits/{mdtrtId}/payment-order", CreateAsync)
            .WithTags("Mobile payment").WithName("CreatePaymentOrder")
            .WithSummary("Hold the visit's settlement in a payment order (payOrdId, payToken) for the person to confirm and pay")
            .RequireInstitution()
            .Produces<PaymentOrderResponse>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        var orders = app.MapGroup("/api/payment-orders").WithTags("Mobile payment").RequireInstitution();
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

    private static Task<IResult> CreateAsync(string mdtrtId, CreatePaymentOrderRequest? request, HttpContext http, CallingInstitution calling, IdempotentWrites writes, CreatePaymentOrderHandler create, AgencyCalendar calendar)
    {
        var terms = new ClaimTerms(request?.UseAccount ?? true, new PersonProof(request?.MdtrtCertType, request?.MdtrtCertNo));
        return writes.RunAsync(http, request ?? new CreatePaymentOrderRequest(null, null, null, null), async ct =>
            Reply.From(await create.HandleAsync(new CreatePaymentOrder(mdtrtId, terms, request?.DeliveryFee, calling.Scope()), ct), o => PaymentResponses.From(o, calendar, includeToken: true), 201));
    }

    private static async Task<IResult> GetAsync(string payOrdId, CallingInstitution calling, GetPaymentOrderHandler orders, AgencyCalendar calendar, CancellationToken ct)
    {
        var order = await orders.HandleAsync(new GetPaymentOrder(payOrdId, Institution: calling.Code), ct);
        return order.IsSuccess ? Results.Ok(PaymentResponses.From(order.Value, calendar)) : ApiError.From(order.Error).ToResult();
    }

    private static Task<IResult> RevokeAsync(string payOrdId, PaymentOrderActionRequest? request, HttpContext http, CallingInstitution calling, IdempotentWrites writes, RevokePaymentOrderHandler revoke, AgencyCalendar calendar) =>
        writes.RunAsync(http, new { payOrdId, request }, async ct =>
            Reply.From(await revoke.HandleAsync(new RevokePaymentOrder(payOrdId, request?.Reason, calling.Code), ct), o => PaymentResponses.From(o, calendar)));

    private static Task<IResult> RefundAsync(string payOrdId, PaymentOrderActionRequest? request, HttpContext http, CallingInstitution calling, IdempotentWrites writes, RefundPaymentOrderHandler refund, AgencyCalendar calendar) =>
        writes.RunAsync(http, new { payOrdId, request }, async ct =>
            Reply.From(await refund.HandleAsync(new RefundPaymentOrder(payOrdId, request?.Reason, calling.Code), ct), o => PaymentResponses.From(o, calendar)));

    private static async Task<IResult> NotifyAsync(string provider, HttpContext http, IPaymentProvider payments, NotifyPaymentHandler notify)
    {
        if (provider != payments.Name)
        {
            return HttpErrors.UnknownProvider.With($"No payment provider {provider} is configured.").ToResult();
        }

        var body = await RequestBody.ReadTextAsync(http.Request, 64 * 1024, http.RequestAborted);
        if (!body.IsSuccess)
        {
            return body.Error.ToResult();
        }

        if (payments.ReadNotification(body.Value, name => http.Request.Headers[name].ToString()) is not { } notification)
        {
            return HttpErrors.CallbackSignatureInvalid.With("The notification's signature does not verify; nothing was changed.").ToResult();
        }

        var outcome = await notify.HandleAsync(new NotifyPayment(notification), http.RequestAborted);
        return outcome.IsSuccess
            ? Results.Ok(new NotificationResponse(outcome.Value.Order.PayOrdId, outcome.Value.Result, outcome.Value.Order.Status.ToName()))
            : ApiError.From(outcome.Error).ToResult();
    }
}
