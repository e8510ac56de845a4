using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Domain.Payments;
using Yibao.Server.Features.ECertificate;
using Yibao.Server.Features.Settlements;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Payments;

/// <summary>
/// The mobile-payment flow. An order holds its visit's settlement as pending — the person's account
/// and accumulators already carry it, so the split the person confirms is the split that settles —
/// until the provider reports the cash paid (the settlement commits) or the order is revoked or
/// expires (what it held is given back). Every change happens under the person's lock with the
/// order's state checked afresh, so a callback, a revocation and the expiry sweep racing each other
/// release or commit exactly once.
/// </summary>
internal sealed class PaymentOrderService(
    YibaoDbContext db,
    WriteGate gate,
    ClaimPreparation preparation,
    ECertificates certificates,
    IPaymentProvider provider,
    AgencyCalendar calendar,
    IOptions<YibaoOptions> options,
    ILogger<PaymentOrderService> logger)
{
    private const string Platform = "platform";

    /// <summary>Creates an order inside the caller's transaction (the idempotent write of the institution's request).</summary>
    public async Task<Reply> CreateCoreAsync(string mdtrtId, CreatePaymentOrderRequest request, CancellationToken ct)
    {
        var deliveryFee = PaymentOrders.CheckDeliveryFee(request.DeliveryFee);
        if (!deliveryFee.IsSuccess)
        {
            return ApiError.From(deliveryFee.Error);
        }

        var held = await SettleVisit.StageAsync(mdtrtId, request.UseAccount ?? true, hold: true, db, preparation, calendar, ct,
            SettleVisit.Identified(certificates, request.MdtrtCertType, request.MdtrtCertNo));
        if (!held.IsSuccess)
        {
            return held.Error;
        }

        var settlement = held.Value;
        var split = new OrderSplit(settlement.MedfeeSumamt, settlement.FundPaySumamt, settlement.AcctPay, settlement.PsnCashPay, deliveryFee.Value);
        var now = calendar.Clock.GetUtcNow();
        var order = new PaymentOrderRow
        {
            PayOrdId = Ids.New("PO", calendar.Now),
            PayToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            MdtrtId = mdtrtId,
            PsnNo = settlement.PsnNo,
            FixmedinsCode = settlement.FixmedinsCode,
            SetlId = settlement.SetlId,
            Status = OrderStatus.Created.ToName(),
            MedfeeSumamt = split.MedfeeSumamt,
            FundPaySumamt = split.FundPaySumamt,
            AcctPay = split.AcctPay,
            PsnCashPay = split.PsnCashPay,
            DeliveryFee = split.DeliveryFee,
            CashTotal = split.CashTotal,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(options.Value.PaymentOrderTimeoutMinutes).ToUnixTimeSeconds(),
        };
        order.Events.Add(Event(order, now, "", order.Status, settlement.FixmedinsCode, $"cash {order.CashTotal:0.00}"));
        db.PaymentOrders.Add(order);
        db.Record(now, order.FixmedinsCode, "order.create", "payment_order", order.PayOrdId, $"fund {order.FundPaySumamt}, account {order.AcctPay}, cash {order.CashTotal}");
        return Reply.Created(ToResponse(order, includeToken: true));
    }

    /// <summary>The order as it stands; an order past its time is expired first, so a query never shows a stale hold.</summary>
    public async Task<ApiOutcome<PaymentOrderResponse>> GetAsync(string payOrdId, string? psnNo, CancellationToken ct)
    {
        await ExpireIfDueAsync(payOrdId, ct);
        var order = await db.PaymentOrders.AsNoTracking().Include(o => o.Events).FirstOrDefaultAsync(o => o.PayOrdId == payOrdId, ct);
        return order is null || (psnNo is not null && order.PsnNo != psnNo) ? OrderNotFound(payOrdId) : ToResponse(order, includeToken: false);
    }

    /// <summary>
    /// The person confirms the order on the phone: the cash part goes to the provider, whose page the
    /// person is sent to (null when there is no cash to pay, and the order settled at once).
    /// </summary>
    public async Task<ApiOutcome<ProviderPayment?>> ConfirmAsync(string payOrdId, string psnNo, string payToken, CancellationToken ct)
    {
        await ExpireIfDueAsync(payOrdId, ct);
        return await InTransactionAsync<ProviderPayment?>(async () =>
        {
            var order = await LockOrderAsync(payOrdId, ct);
            if (order is null || order.PsnNo != psnNo)
            {
                return OrderNotFound(payOrdId);
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(payToken), Encoding.ASCII.GetBytes(order.PayToken)))
            {
                return new ApiError(403, "pay_token_invalid", "The payment token does not belong to this order.");
            }

            var now = calendar.Clock.GetUtcNow();
            if (Move(order, OrderEvent.Confirm, now, psnNo, "confirmed on the phone") is { } refused)
            {
                return refused;
            }

            if (order.CashTotal == 0m)
            {
                Move(order, OrderEvent.Pay, now, Platform, "nothing to pay in cash");
                order.PaidAt = now;
                await CommitSettlementAsync(order, now, ct);
                return (ProviderPayment?)null;
            }

            ProviderPayment payment;
            try
            {
                payment = await provider.OpenAsync(new PaymentRequest(order.PayOrdId, order.CashTotal, $"医保移动支付 {order.PayOrdId}", $"/me/orders/{order.PayOrdId}"), ct);
            }
#pragma warning disable CA1031 // any provider failure refuses the confirmation, which changes nothing
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Opening a trade for order {PayOrdId} failed", order.PayOrdId);
                return ProviderFailed("open the payment");
            }

            order.Provider = provider.Name;
            order.ProviderTradeNo = payment.TradeNo;
            return payment;
        }, ct);
    }

    /// <summary>
    /// A verified provider notification. Paid in time: the settlement commits. Paid again: nothing
    /// changes. Paid for an order that was let go (expired, revoked): the money goes back.
    /// </summary>
    public async Task<ApiOutcome<NotificationResponse>> NotifyAsync(PaymentNotification notification, CancellationToken ct) =>
        await InTransactionAsync<NotificationResponse>(async () =>
        {
            var order = await LockOrderAsync(notification.PayOrdId, ct);
            if (order is null)
            {
                return OrderNotFound(notification.PayOrdId);
            }

            if (order.Provider != provider.Name || order.ProviderTradeNo != notification.TradeNo)
            {
                return ApiError.Conflict("trade_mismatch", $"Trade {notification.TradeNo} is not the trade of order {order.PayOrdId}.");
            }

            var now = calendar.Clock.GetUtcNow();
            PaymentOrders.TryParseStatus(order.Status, out var status);
            if (!notification.Succeeded)
            {
                order.Events.Add(Event(order, now, order.Status, order.Status, provider.Name, "the provider reported the payment failed"));
                return Answer(order, "payment_failed_noted");
            }

            if (order.PaidAt is not null || order.RefundNo is not null)
            {
                return Answer(order, "already_processed");
            }

            if (status == OrderStatus.AwaitingPayment && notification.Amount != order.CashTotal)
            {
                return new ApiError(422, "payment_amount_mismatch", $"The provider reports {notification.Amount:0.00} paid; the order's cash part is {order.CashTotal:0.00}.");
            }

            var paidInTime = notification.PaidAt.ToUnixTimeSeconds() < order.ExpiresAt || now.ToUnixTimeSeconds() < order.ExpiresAt;
            if (status == OrderStatus.AwaitingPayment && paidInTime)
            {
                Move(order, OrderEvent.Pay, now, provider.Name, $"trade {notification.TradeNo}");
                order.PaidAt = notification.PaidAt;
                await CommitSettlementAsync(order, now, ct);
                return Answer(order, "settled");
            }

            if (status == OrderStatus.AwaitingPayment)
            {
                await ReleaseAsync(order, OrderEvent.Expire, now, Platform, "paid after the order expired", ct);
            }

            // The person paid for an order that no longer stands: give the money back.
            if (await RefundAtProviderAsync(notification.TradeNo, notification.Amount, "order no longer payable", ct) is not { } refund)
            {
                return ProviderFailed("refund the late payment");
            }

            order.RefundNo = refund.RefundNo;
            order.Note = "late payment refunded";
            order.Events.Add(Event(order, now, order.Status, order.Status, Platform, $"late payment refunded ({refund.RefundNo})"));
            return Answer(order, "late_payment_refunded");
        }, ct);

    /// <summary>The institution withdraws an order before it is paid, inside the caller's transaction.</summary>
    /// <param name="fixmedinsCode">When the caller is authenticated (the gateway): only its own orders exist for it.</param>
    public async Task<Reply> RevokeCoreAsync(string payOrdId, string? reason, CancellationToken ct, string? fixmedinsCode = null)
    {
        var order = await LockOrderAsync(payOrdId, ct);
        if (order is null || (fixmedinsCode is not null && order.FixmedinsCode != fixmedinsCode))
        {
            return OrderNotFound(payOrdId);
        }

        var now = calendar.Clock.GetUtcNow();
        var tradeNo = order.Status == OrderStatus.AwaitingPayment.ToName() ? order.ProviderTradeNo : null;
        if (await ReleaseAsync(order, OrderEvent.Revoke, now, order.FixmedinsCode, Reason(reason, "revoked by the institution"), ct) is { } refused)
        {
            return refused;
        }

        await CloseTradeAsync(tradeNo, ct);
        return Reply.Ok(await ResponseAsync(order, ct));
    }

    /// <summary>Full refund of a settled order: the settlement is cancelled exactly and the cash goes back, inside the caller's transaction.</summary>
    public async Task<Reply> RefundCoreAsync(string payOrdId, string? reason, CancellationToken ct, string? fixmedinsCode = null)
    {
        var order = await LockOrderAsync(payOrdId, ct);
        if (order is null || (fixmedinsCode is not null && order.FixmedinsCode != fixmedinsCode))
        {
            return OrderNotFound(payOrdId);
        }

        var now = calendar.Clock.GetUtcNow();
        if (Move(order, OrderEvent.Refund, now, order.FixmedinsCode, Reason(reason, "refunded in full")) is { } refused)
        {
            return refused;
        }

        var cancelled = await CancelSettlement.CancelCoreAsync(order.SetlId, db, calendar, ct, byPaymentOrder: true);
        if (cancelled.Error is { } notCancelled)
        {
            return notCancelled;
        }

        if (order.CashTotal > 0m && order.ProviderTradeNo is { } tradeNo)
        {
            if (await RefundAtProviderAsync(tradeNo, order.CashTotal, Reason(reason, "refund"), ct) is not { } refund)
            {
                return ProviderFailed("refund the order");
            }

            order.RefundNo = refund.RefundNo;
        }

        order.ClosedAt = now;
        db.Record(now, order.FixmedinsCode, "order.refund", "payment_order", order.PayOrdId, $"cash {order.CashTotal} refunded, settlement {order.SetlId} cancelled");
        return Reply.Ok(await ResponseAsync(order, ct));
    }

    /// <summary>Expires every order past its time; the sweep calls it, and so may anyone. Returns how many it expired.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = calendar.Clock.GetUtcNow().ToUnixTimeSeconds();
        string[] open = [OrderStatus.Created.ToName(), OrderStatus.AwaitingPayment.ToName()];
        var due = await db.PaymentOrders.AsNoTracking()
            .Where(o => open.Contains(o.Status) && o.ExpiresAt <= now)
            .OrderBy(o => o.ExpiresAt)
            .Select(o => o.PayOrdId)
            .Take(200)
            .ToListAsync(ct);
        var expired = 0;
        foreach (var payOrdId in due)
        {
            expired += await ExpireIfDueAsync(payOrdId, ct) ? 1 : 0;
        }

        return expired;
    }

    /// <summary>Expires one order if it is still open and past its time, in its own transaction.</summary>
    public async Task<bool> ExpireIfDueAsync(string payOrdId, CancellationToken ct)
    {
        // A plain read first: most orders looked at are not due, and need no transaction or lock.
        var seen = await db.PaymentOrders.AsNoTracking().Where(o => o.PayOrdId == payOrdId).Select(o => new { o.Status, o.ExpiresAt }).FirstOrDefaultAsync(ct);
        if (seen is null || !PaymentOrders.TryParseStatus(seen.Status, out var status)
            || !PaymentOrders.HasTimedOut(status, DateTimeOffset.FromUnixTimeSeconds(seen.ExpiresAt), calendar.Clock.GetUtcNow()))
        {
            return false;
        }

        var outcome = await InTransactionAsync(async () => (ApiOutcome<bool>)await ExpireIfDueCoreAsync(payOrdId, ct), ct);
        return outcome.IsSuccess && outcome.Value;
    }

    /// <summary>The order, expired first if it is past its time, inside the caller's transaction (the gateway's 6301).</summary>
    public async Task<ApiOutcome<PaymentOrderResponse>> QueryCoreAsync(string payOrdId, string fixmedinsCode, CancellationToken ct)
    {
        await ExpireIfDueCoreAsync(payOrdId, ct);
        var order = await db.PaymentOrders.FirstOrDefaultAsync(o => o.PayOrdId == payOrdId, ct);
        return order is null || order.FixmedinsCode != fixmedinsCode ? OrderNotFound(payOrdId) : ToResponse(order, includeToken: false);
    }

    private async Task<bool> ExpireIfDueCoreAsync(string payOrdId, CancellationToken ct)
    {
        var order = await LockOrderAsync(payOrdId, ct);
        var now = calendar.Clock.GetUtcNow();
        if (order is null || !PaymentOrders.TryParseStatus(order.Status, out var status)
            || !PaymentOrders.HasTimedOut(status, DateTimeOffset.FromUnixTimeSeconds(order.ExpiresAt), now))
        {
            return false;
        }

        var tradeNo = order.ProviderTradeNo;
        await ReleaseAsync(order, OrderEvent.Expire, now, Platform, "not paid in time", ct);
        await CloseTradeAsync(tradeNo, ct);
        return true;
    }

    /// <summary>The person's orders, newest first.</summary>
    public async Task<IReadOnlyList<PaymentOrderRow>> OrdersOfAsync(string psnNo, CancellationToken ct)
    {
        var rows = await db.PaymentOrders.AsNoTracking().Where(o => o.PsnNo == psnNo).ToListAsync(ct);
        return rows.OrderByDescending(o => o.CreatedAt).Take(50).ToList();
    }

    public PaymentOrderResponse ToResponse(PaymentOrderRow o, bool includeToken) => new(
        o.PayOrdId,
        includeToken ? o.PayToken : null,
        o.Status,
        o.MdtrtId,
        o.PsnNo,
        o.FixmedinsCode,
        o.SetlId,
        o.MedfeeSumamt,
        o.FundPaySumamt,
        o.AcctPay,
        o.PsnCashPay,
        o.DeliveryFee,
        o.CashTotal,
        Local(o.CreatedAt),
        Local(DateTimeOffset.FromUnixTimeSeconds(o.ExpiresAt)),
        o.PaidAt is { } paid ? Local(paid) : null,
        o.SettledAt is { } settled ? Local(settled) : null,
        o.ClosedAt is { } closed ? Local(closed) : null,
        o.Provider,
        o.ProviderTradeNo,
        o.RefundNo,
        o.Note,
        $"/me/orders/{o.PayOrdId}?pay_token={o.PayToken}",
        o.Events.OrderBy(e => e.At).ThenBy(e => e.Id <= 0).ThenBy(e => e.Id).Select(e => new PaymentOrderEventResponse(Local(e.At), e.From, e.To, e.Actor, e.Detail)).ToList());

    private async Task<PaymentOrderResponse> ResponseAsync(PaymentOrderRow order, CancellationToken ct)
    {
        await db.Entry(order).Collection(o => o.Events).LoadAsync(ct);
        return ToResponse(order, includeToken: false);
    }

    private DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(calendar.Now.Offset);

    /// <summary>The order read after its person's lock, so its state is current (the first read projects, so nothing stale is tracked).</summary>
    private async Task<PaymentOrderRow?> LockOrderAsync(string payOrdId, CancellationToken ct)
    {
        var psnNo = await db.PaymentOrders.Where(o => o.PayOrdId == payOrdId).Select(o => o.PsnNo).FirstOrDefaultAsync(ct);
        if (psnNo is null)
        {
            return null;
        }

        await WriteGate.LockPersonAsync(db, psnNo, ct);
        return await db.PaymentOrders.FirstAsync(o => o.PayOrdId == payOrdId, ct);
    }

    private static ApiError? Move(PaymentOrderRow order, OrderEvent @event, DateTimeOffset now, string actor, string detail)
    {
        if (!PaymentOrders.TryParseStatus(order.Status, out var from))
        {
            throw new InvalidOperationException($"order {order.PayOrdId} has an unknown status {order.Status}");
        }

        var next = PaymentOrders.Next(from, @event);
        if (!next.IsSuccess)
        {
            return ApiError.Conflict(next.Error.Code, $"Order {order.PayOrdId}: {next.Error.Message}");
        }

        order.Status = next.Value.ToName();
        order.Events.Add(Event(order, now, from.ToName(), order.Status, actor, detail));
        return null;
    }

    private static PaymentOrderEventRow Event(PaymentOrderRow order, DateTimeOffset at, string from, string to, string actor, string detail) =>
        new() { PayOrdId = order.PayOrdId, At = at, From = from, To = to, Actor = actor, Detail = detail.Length > 200 ? detail[..200] : detail };

    /// <summary>Paid: the pending settlement becomes the settlement, dated now.</summary>
    private async Task CommitSettlementAsync(PaymentOrderRow order, DateTimeOffset now, CancellationToken ct)
    {
        Move(order, OrderEvent.Settle, now, Platform, $"settlement {order.SetlId} committed");
        var settlement = await db.Settlements.FirstAsync(s => s.SetlId == order.SetlId, ct);
        settlement.Status = SettlementStatus.Settled;
        settlement.SettledAt = now;
        settlement.SettlementDate = calendar.DateOf(now);
        var visit = await db.Visits.FirstAsync(v => v.MdtrtId == order.MdtrtId, ct);
        visit.Status = VisitStatus.Settled;
        order.SettledAt = now;
        db.Record(now, order.FixmedinsCode, "settlement.settle", "settlement", order.SetlId,
            $"paid through order {order.PayOrdId}: fund {order.FundPaySumamt}, account {order.AcctPay}, cash {order.CashTotal}");
    }

    /// <summary>Revoked or expired: what the pending settlement took from the account and accumulator goes back, once.</summary>
    private async Task<ApiError?> ReleaseAsync(PaymentOrderRow order, OrderEvent @event, DateTimeOffset now, string actor, string detail, CancellationToken ct)
    {
        if (Move(order, @event, now, actor, detail) is { } refused)
        {
            return refused;
        }

        var settlement = await db.Settlements.FirstAsync(s => s.SetlId == order.SetlId, ct);
        await CancelSettlement.GiveBackAsync(db, settlement, ct);
        settlement.Status = SettlementStatus.Released;
        settlement.CancelledAt = now;
        var visit = await db.Visits.FirstAsync(v => v.MdtrtId == order.MdtrtId, ct);
        visit.Status = VisitStatus.Registered;
        order.ClosedAt = now;
        db.Record(now, actor, $"order.{order.Status}", "payment_order", order.PayOrdId, $"{detail}; account {settlement.AcctPay} and accumulators given back");
        return null;
    }

    /// <summary>Best effort: a trade the provider fails to close is still safe, as its late payment is refunded.</summary>
    private async Task CloseTradeAsync(string? tradeNo, CancellationToken ct)
    {
        if (tradeNo is null)
        {
            return;
        }

        try
        {
            await provider.CloseAsync(tradeNo, ct);
        }
#pragma warning disable CA1031 // a provider's failure must not undo the release; the callback path refunds a late payment
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Closing trade {TradeNo} at the payment provider failed", tradeNo);
        }
    }

    /// <summary>The provider's refund, or null when it failed (the caller then changes nothing, so it can be retried).</summary>
    private async Task<ProviderRefund?> RefundAtProviderAsync(string tradeNo, decimal amount, string reason, CancellationToken ct)
    {
        try
        {
            return await provider.RefundAsync(tradeNo, amount, reason, ct);
        }
#pragma warning disable CA1031 // a provider's failure is reported, and the whole change rolled back
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Refunding {Amount} of trade {TradeNo} failed", amount, tradeNo);
            return null;
        }
    }

    private static ApiError ProviderFailed(string what) =>
        new(502, "payment_provider_failed", $"The payment provider could not {what}; nothing was changed, try again.");

    private async Task<ApiOutcome<T>> InTransactionAsync<T>(Func<Task<ApiOutcome<T>>> work, CancellationToken ct)
    {
        using var entered = await gate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await work();
        if (outcome.IsSuccess)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }

        return outcome;
    }

    private static NotificationResponse Answer(PaymentOrderRow order, string result) => new(order.PayOrdId, result, order.Status);

    private static string Reason(string? reason, string fallback) => string.IsNullOrWhiteSpace(reason) ? fallback : reason.Trim();

    public static ApiError OrderNotFound(string payOrdId) => ApiError.NotFound("order_not_found", $"Payment order {payOrdId} does not exist.");
}
