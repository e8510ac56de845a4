using Yibao.Application.Settlements;
using Yibao.Domain;
using Yibao.Domain.Payments;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Payments;

/// <summary>How an order's hold ends: committed when paid, given back when let go. Shared by the order's use cases.</summary>
public sealed class OrderEnds(YibaoDbContext db, HeldSettlementsHandler held)
{
    /// <summary>Paid: the pending settlement becomes the settlement, dated now.</summary>
    public async Task<DomainError?> CommitAsync(PaymentOrderRow order, DateTimeOffset now, CancellationToken ct)
    {
        if (order.Move(OrderEvent.Settle, now, OrderAccess.Platform, $"settlement {order.SetlId} committed") is { } refused)
        {
            return refused;
        }

        order.SettledAt = now;
        return await held.HandleAsync(new CommitHeldSettlement(order.SetlId, now,
            $"paid through order {order.PayOrdId}: fund {order.FundPaySumamt}, account {order.AcctPay}, cash {order.CashTotal}"), ct);
    }

    /// <summary>Revoked or expired: what the pending settlement took goes back to the ledger, once.</summary>
    internal async Task<DomainError?> ReleaseAsync(LockedOrder locked, OrderEvent @event, DateTimeOffset now, string actor, string detail, CancellationToken ct)
    {
        var order = locked.Order;
        if (order.Move(@event, now, actor, detail) is { } refused)
        {
            return refused;
        }

        var released = await held.HandleAsync(new ReleaseHeldSettlement(order.SetlId, now), locked.Ledger, ct);
        if (!released.IsSuccess)
        {
            return released.Error;
        }

        order.ClosedAt = now;
        db.Record(now, actor, $"order.{order.Status.ToName()}", "payment_order", order.PayOrdId, $"{detail}; account {released.Value.AcctPay} and accumulators given back");
        return null;
    }
}
