using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Domain.Payments;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Payments;

/// <summary>The institution withdraws an unpaid order (6401); its hold is given back.</summary>
/// <param name="Institution">The calling institution, when known: only its own orders exist for it.</param>
public sealed record RevokePaymentOrder(string PayOrdId, string? Reason, string? Institution = null);

/// <summary>Inside the caller's transaction (the idempotent write of the institution's request).</summary>
public sealed class RevokePaymentOrderHandler(YibaoDbContext db, IPersonLedger ledgers, OrderEnds ends, ProviderCalls provider, TimeProvider clock)
{
    public async Task<Result<PaymentOrderRow>> HandleAsync(RevokePaymentOrder command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var locked = await OrderAccess.LockAsync(db, ledgers, command.PayOrdId, ct);
        if (locked?.Order is not { } order || (command.Institution is not null && order.FixmedinsCode != command.Institution))
        {
            return PaymentErrors.NotFound(command.PayOrdId);
        }

        var tradeNo = order.Status == OrderStatus.AwaitingPayment ? order.ProviderTradeNo : null;
        if (await ends.ReleaseAsync(locked, OrderEvent.Revoke, clock.GetUtcNow(), order.FixmedinsCode, OrderAccess.Reason(command.Reason, "revoked by the institution"), ct) is { } refused)
        {
            return refused;
        }

        await provider.CloseAsync(tradeNo, ct);
        await GetPaymentOrderHandler.LoadHistoryAsync(db, order, ct);
        return order;
    }
}
