using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Payments;

namespace Yibao.Application.Payments;

/// <summary>An order as it stands, with its history (6301); an order past its time is expired first.</summary>
/// <param name="PsnNo">The person asking (the phone pages): another person's order does not exist for them.</param>
/// <param name="Institution">The institution asking: another institution's order does not exist for it.</param>
/// <param name="InCallersTransaction">The caller already holds a transaction (a gateway message).</param>
public sealed record GetPaymentOrder(string PayOrdId, string? PsnNo = null, string? Institution = null, bool InCallersTransaction = false);

/// <summary>A person's orders, newest first (at most 50).</summary>
public sealed record ListPaymentOrders(string PsnNo);

public sealed class GetPaymentOrderHandler(YibaoDbContext db, ExpirePaymentOrdersHandler expiry)
{
    public async Task<Result<PaymentOrderRow>> HandleAsync(GetPaymentOrder command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        await expiry.HandleAsync(new ExpirePaymentOrderIfDue(command.PayOrdId, command.InCallersTransaction), ct);
        var orders = command.InCallersTransaction ? db.PaymentOrders : db.PaymentOrders.AsNoTracking();
        var order = await orders.Include(o => o.Events).FirstOrDefaultAsync(o => o.PayOrdId == command.PayOrdId, ct);
        return order is null || (command.PsnNo is not null && order.PsnNo != command.PsnNo) || (command.Institution is not null && order.FixmedinsCode != command.Institution)
            ? PaymentErrors.NotFound(command.PayOrdId)
            : order;
    }

    public async Task<IReadOnlyList<PaymentOrderRow>> HandleAsync(ListPaymentOrders command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rows = await db.PaymentOrders.AsNoTracking().Where(o => o.PsnNo == command.PsnNo).ToListAsync(ct);
        return rows.OrderByDescending(o => o.CreatedAt).Take(50).ToList();
    }

    /// <summary>A tracked order's full history, for answering after a change.</summary>
    internal static Task LoadHistoryAsync(YibaoDbContext db, PaymentOrderRow order, CancellationToken ct) =>
        db.Entry(order).Collection(o => o.Events).LoadAsync(ct);
}
