using System.Security.Cryptography;
using System.Text;
using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Domain.Payments;
using Yibao.Storage;

namespace Yibao.Application.Payments;

/// <summary>The person confirms an order on the phone, with the order's pay token.</summary>
public sealed record ConfirmPaymentOrder(string PayOrdId, string PsnNo, string PayToken);

/// <summary>
/// The cash part goes to the provider, whose page the person is sent to; with no cash to pay, the
/// order settles at once (the answer is then null). In its own transaction.
/// </summary>
public sealed class ConfirmPaymentOrderHandler(YibaoDbContext db, WriteGate gate, IPersonLedger ledgers, OrderEnds ends, ProviderCalls provider, ExpirePaymentOrdersHandler expiry, TimeProvider clock)
{
    public async Task<Result<ProviderPayment?>> HandleAsync(ConfirmPaymentOrder command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        await expiry.HandleAsync(new ExpirePaymentOrderIfDue(command.PayOrdId), ct);
        return await db.InTransactionAsync<ProviderPayment?>(gate, async () =>
        {
            var locked = await OrderAccess.LockAsync(db, ledgers, command.PayOrdId, ct);
            if (locked?.Order is not { } order || order.PsnNo != command.PsnNo)
            {
                return PaymentErrors.NotFound(command.PayOrdId);
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(command.PayToken), Encoding.ASCII.GetBytes(order.PayToken)))
            {
                return PaymentErrors.PayTokenInvalid;
            }

            var now = clock.GetUtcNow();
            if (order.Move(OrderEvent.Confirm, now, command.PsnNo, "confirmed on the phone") is { } refused)
            {
                return refused;
            }

            if (order.CashTotal == 0m)
            {
                order.Move(OrderEvent.Pay, now, OrderAccess.Platform, "nothing to pay in cash");
                order.PaidAt = now;
                return await ends.CommitAsync(order, now, ct) is { } notCommitted ? notCommitted : Result<ProviderPayment?>.Success(null);
            }

            var payment = await provider.OpenAsync(new PaymentRequest(order.PayOrdId, order.CashTotal, $"医保移动支付 {order.PayOrdId}", $"/me/orders/{order.PayOrdId}"), ct);
            if (payment is null)
            {
                return PaymentErrors.ProviderFailed("open the payment");
            }

            order.Provider = provider.Provider.Name;
            order.ProviderTradeNo = payment.TradeNo;
            return payment;
        }, ct);
    }
}
