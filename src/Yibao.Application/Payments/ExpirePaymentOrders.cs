using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Domain.Payments;
using Yibao.Storage;

namespace Yibao.Application.Payments;

/// <summary>Expires every unpaid order past its time (the sweep), at most <paramref name="Batch"/> at once.</summary>
public sealed record ExpireDuePaymentOrders(int Batch = 200);

/// <summary>Expires one order if it is still open and past its time.</summary>
/// <param name="InCallersTransaction">The caller already holds a transaction (a gateway message); otherwise the expiry takes its own.</param>
public sealed record ExpirePaymentOrderIfDue(string PayOrdId, bool InCallersTransaction = false);

/// <summary>
/// An unpaid order past its time lets go of its hold on the person's account and accumulators, once,
/// and its trade is closed. Every read of an order expires it first, so no one sees a stale hold.
/// </summary>
public sealed class ExpirePaymentOrdersHandler(YibaoDbContext db, WriteGate gate, IPersonLedger ledgers, OrderEnds ends, ProviderCalls provider, TimeProvider clock)
{
    /// <summary>How many orders it expired.</summary>
    public async Task<int> HandleAsync(ExpireDuePaymentOrders command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var due = await db.PaymentOrders.AsNoTracking()
            .Where(o => (o.Status == OrderStatus.Created || o.Status == OrderStatus.AwaitingPayment) && o.ExpiresAt <= now)
            .OrderBy(o => o.ExpiresAt)
            .Select(o => o.PayOrdId)
            .Take(command.Batch)
            .ToListAsync(ct);
        var expired = 0;
        foreach (var payOrdId in due)
        {
            expired += await HandleAsync(new ExpirePaymentOrderIfDue(payOrdId), ct) ? 1 : 0;
        }

        return expired;
    }

    /// <summary>Whether it expired the order.</summary>
    public async Task<bool> HandleAsync(ExpirePaymentOrderIfDue command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.InCallersTransaction)
        {
            return await ExpireLockedAsync(command.PayOrdId, ct);
        }

        // A plain read first: most orders looked at are not due, and need no transaction or lock.
        var seen = await db.PaymentOrders.AsNoTracking().Where(o => o.PayOrdId == command.PayOrdId).Select(o => new { o.Status, o.ExpiresAt }).FirstOrDefaultAsync(ct);
        if (seen is null || !PaymentOrders.HasTimedOut(seen.Status, DateTimeOffset.FromUnixTimeSeconds(seen.ExpiresAt), clock.GetUtcNow()))
        {
            return false;
        }

        var outcome = await db.InTransactionAsync(gate, async () => (Domain.Result<bool>)await ExpireLockedAsync(command.PayOrdId, ct), ct);
        return outcome.IsSuccess && outcome.Value;
    }

    private async Task<bool> ExpireLockedAsync(string payOrdId, CancellationToken ct)
    {
        var locked = await OrderAccess.LockAsync(db, ledgers, payOrdId, ct);
        var now = clock.GetUtcNow();
        if (locked is null || !PaymentOrders.HasTimedOut(locked.Order.Status, DateTimeOffset.FromUnixTimeSeconds(locked.Order.ExpiresAt), now))
        {
            return false;
        }

        var tradeNo = locked.Order.ProviderTradeNo;
        if (await ends.ReleaseAsync(locked, OrderEvent.Expire, now, OrderAccess.Platform, "not paid in time", ct) is not null)
        {
            return false;
        }

        await provider.CloseAsync(tradeNo, ct);
        return true;
    }
}
