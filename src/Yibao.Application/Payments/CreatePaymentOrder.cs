using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Yibao.Application.Settlements;
using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Domain.Payments;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Payments;

/// <summary>An institution's payment order on a visit whose fees are uploaded (6201).</summary>
/// <param name="DeliveryFee">Medicine delivery charged to the person; never covered, always cash.</param>
public sealed record CreatePaymentOrder(string MdtrtId, ClaimTerms Terms, decimal? DeliveryFee, VisitScope Scope = default);

/// <summary>
/// Holds the visit's settlement as pending — the person's account and accumulators already carry it,
/// so the split the person confirms is the split that settles — in an order the person pays, inside
/// the caller's transaction.
/// </summary>
public sealed class CreatePaymentOrderHandler(YibaoDbContext db, SettleVisitHandler settle, AgencyCalendar calendar, IOptions<YibaoOptions> options)
{
    public async Task<Result<PaymentOrderRow>> HandleAsync(CreatePaymentOrder command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var deliveryFee = PaymentOrders.CheckDeliveryFee(command.DeliveryFee);
        if (!deliveryFee.IsSuccess)
        {
            return deliveryFee.Error;
        }

        var held = await settle.HandleAsync(new SettleVisit(command.MdtrtId, command.Terms, command.Scope, Hold: true), ct);
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
            MdtrtId = command.MdtrtId,
            PsnNo = settlement.PsnNo,
            FixmedinsCode = settlement.FixmedinsCode,
            SetlId = settlement.SetlId,
            Status = PaymentOrders.Initial,
            MedfeeSumamt = split.MedfeeSumamt,
            FundPaySumamt = split.FundPaySumamt,
            AcctPay = split.AcctPay,
            PsnCashPay = split.PsnCashPay,
            DeliveryFee = split.DeliveryFee,
            CashTotal = split.CashTotal,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(options.Value.PaymentOrderTimeoutMinutes).ToUnixTimeSeconds(),
        };
        order.Events.Add(OrderAccess.Event(order, now, "", order.Status.ToName(), settlement.FixmedinsCode, $"cash {order.CashTotal:0.00}"));
        db.PaymentOrders.Add(order);
        db.Record(now, order.FixmedinsCode, "order.create", "payment_order", order.PayOrdId, $"fund {order.FundPaySumamt}, account {order.AcctPay}, cash {order.CashTotal}");
        return order;
    }
}
