using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Domain.Payments;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Payments;

/// <summary>An order read after its person's ledger was locked, so its state is current.</summary>
internal sealed record LockedOrder(PaymentOrderRow Order, ILedgerLock Ledger);

internal static class OrderAccess
{
    public const string Platform = "platform";

    /// <summary>The order under its person's ledger lock; the first read projects, so nothing stale is tracked.</summary>
    public static async Task<LockedOrder?> LockAsync(YibaoDbContext db, IPersonLedger ledgers, string payOrdId, CancellationToken ct)
    {
        var head = await db.PaymentOrders.Where(o => o.PayOrdId == payOrdId)
            .Select(o => new { o.PsnNo, Year = db.Settlements.Where(s => s.SetlId == o.SetlId).Select(s => s.Year).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }

        var ledger = await ledgers.LockAsync(head.PsnNo, head.Year, ct) ?? throw new InvalidOperationException($"person {head.PsnNo} has no ledger");
        return new LockedOrder(await db.PaymentOrders.FirstAsync(o => o.PayOrdId == payOrdId, ct), ledger);
    }

    /// <summary>The only way an order's status changes: by its lifecycle, with the move kept in its history.</summary>
    public static DomainError? Move(this PaymentOrderRow order, OrderEvent @event, DateTimeOffset now, string actor, string detail)
    {
        var from = order.Status;
        var next = PaymentOrders.Next(from, @event);
        if (!next.IsSuccess)
        {
            return next.Error with { Message = $"Order {order.PayOrdId}: {next.Error.Message}" };
        }

        order.Status = next.Value;
        order.Events.Add(Event(order, now, from.ToName(), order.Status.ToName(), actor, detail));
        return null;
    }

    /// <summary>A note in the order's history that changes nothing of its state.</summary>
    public static void AddNote(this PaymentOrderRow order, DateTimeOffset now, string actor, string detail) =>
        order.Events.Add(Event(order, now, order.Status.ToName(), order.Status.ToName(), actor, detail));

    public static PaymentOrderEventRow Event(PaymentOrderRow order, DateTimeOffset at, string from, string to, string actor, string detail) =>
        new() { PayOrdId = order.PayOrdId, At = at, From = from, To = to, Actor = actor, Detail = detail.Length > 200 ? detail[..200] : detail };

    public static string Reason(string? reason, string fallback) => string.IsNullOrWhiteSpace(reason) ? fallback : reason.Trim();
}
