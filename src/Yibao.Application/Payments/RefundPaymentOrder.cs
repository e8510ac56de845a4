using Yibao.Application.Ledger;
using Yibao.Application.Settlements;
using Yibao.Domain;
using Yibao.Domain.Payments;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Payments;

/// <summary>Full refund of a settled order (6203): the settlement is cancelled exactly and the cash goes back.</summary>
/// <param name="Institution">The calling institution, when known: only its own orders exist for it.</param>
public sealed record RefundPaymentOrder(string PayOrdId, string? Reason, string? Institution = null);

/// <summary>Inside the caller's transaction: a provider that fails to refund changes nothing.</summary>
public sealed class RefundPaymentOrderHandler(YibaoDbContext db, IPersonLedger ledgers, CancelSettlementHandler cancel, ProviderCalls provider, TimeProvider clock)
{
    public async Task<Result<PaymentOrderRow>> HandleAsync(RefundPaymentOrder command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var locked = await OrderAccess.LockAsync(db, ledgers, command.PayOrdId, ct);
        if (locked?.Order is not { } order || (command.Institution is not null && order.FixmedinsCode != command.Institution))
        {
            return PaymentErrors.NotFound(command.PayOrdId);
        }

        var now = clock.GetUtcNow();
        if (order.Move(OrderEvent.Refund, now, order.FixmedinsCode, OrderAccess.Reason(command.Reason, "refunded in full")) is { } refused)
        {
            return refused;
        }

        var cancelled = await cancel.HandleAsync(new CancelSettlement(order.SetlId, ByPaymentOrder: true), ct);
        if (!cancelled.IsSuccess)
        {
            return cancelled.Error;
        }

        if (order.CashTotal > 0m && order.ProviderTradeNo is { } tradeNo)
        {
            if (await provider.RefundAsync(tradeNo, order.CashTotal, OrderAccess.Reason(command.Reason, "refund"), ct) is not { } refund)
            {
                return PaymentErrors.ProviderFailed("refund the order");
            }

            order.RefundNo = refund.RefundNo;
        }

        order.ClosedAt = now;
        db.Record(now, order.FixmedinsCode, "order.refund", "payment_order", order.PayOrdId, $"cash {order.CashTotal} refunded, settlement {order.SetlId} cancelled");
        await GetPaymentOrderHandler.LoadHistoryAsync(db, order, ct);
        return order;
    }
}
