using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Domain.Payments;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Payments;

/// <summary>A provider's notification, already verified by the provider's port.</summary>
public sealed record NotifyPayment(PaymentNotification Notification);

/// <summary>What the platform made of a notification: settled, already_processed, late_payment_refunded or payment_failed_noted.</summary>
public sealed record NotificationOutcome(PaymentOrderRow Order, string Result);

/// <summary>
/// Paid in time: the settlement commits. Paid again: nothing changes. Paid for an order that was let
/// go (expired, revoked): the money goes back. In its own transaction, under the person's lock.
/// </summary>
public sealed class NotifyPaymentHandler(YibaoDbContext db, WriteGate gate, IPersonLedger ledgers, OrderEnds ends, ProviderCalls provider, TimeProvider clock)
{
    public async Task<Result<NotificationOutcome>> HandleAsync(NotifyPayment command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var notification = command.Notification;
        return await db.InTransactionAsync<NotificationOutcome>(gate, async () =>
        {
            var locked = await OrderAccess.LockAsync(db, ledgers, notification.PayOrdId, ct);
            if (locked is null)
            {
                return PaymentErrors.NotFound(notification.PayOrdId);
            }

            var order = locked.Order;
            var name = provider.Provider.Name;
            if (order.Provider != name || order.ProviderTradeNo != notification.TradeNo)
            {
                return PaymentErrors.TradeMismatchCode.With($"Trade {notification.TradeNo} is not the trade of order {order.PayOrdId}.");
            }

            var now = clock.GetUtcNow();
            if (!notification.Succeeded)
            {
                order.AddNote(now, name, "the provider reported the payment failed");
                return new NotificationOutcome(order, "payment_failed_noted");
            }

            if (order.PaidAt is not null || order.RefundNo is not null)
            {
                return new NotificationOutcome(order, "already_processed");
            }

            var awaiting = order.Status == OrderStatus.AwaitingPayment;
            if (awaiting && notification.Amount != order.CashTotal)
            {
                return PaymentErrors.AmountMismatchCode.With($"The provider reports {notification.Amount:0.00} paid; the order's cash part is {order.CashTotal:0.00}.");
            }

            var paidInTime = notification.PaidAt.ToUnixTimeSeconds() < order.ExpiresAt || now.ToUnixTimeSeconds() < order.ExpiresAt;
            if (awaiting && paidInTime)
            {
                order.Move(OrderEvent.Pay, now, name, $"trade {notification.TradeNo}");
                order.PaidAt = notification.PaidAt;
                return await ends.CommitAsync(order, now, ct) is { } notCommitted ? notCommitted : new NotificationOutcome(order, "settled");
            }

            if (awaiting && await ends.ReleaseAsync(locked, OrderEvent.Expire, now, OrderAccess.Platform, "paid after the order expired", ct) is { } notReleased)
            {
                return notReleased;
            }

            // The person paid for an order that no longer stands: give the money back.
            if (await provider.RefundAsync(notification.TradeNo, notification.Amount, "order no longer payable", ct) is not { } refund)
            {
                return PaymentErrors.ProviderFailed("refund the late payment");
            }

            order.RefundNo = refund.RefundNo;
            order.Note = "late payment refunded";
            order.AddNote(now, OrderAccess.Platform, $"late payment refunded ({refund.RefundNo})");
            return new NotificationOutcome(order, "late_payment_refunded");
        }, ct);
    }
}
