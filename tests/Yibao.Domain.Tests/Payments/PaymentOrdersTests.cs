using Yibao.Domain.Payments;

namespace Yibao.Domain.Tests.Payments;

public sealed class PaymentOrdersTests
{
    public static TheoryData<OrderStatus, OrderEvent, OrderStatus> Allowed => new()
    {
        { OrderStatus.Created, OrderEvent.Confirm, OrderStatus.AwaitingPayment },
        { OrderStatus.AwaitingPayment, OrderEvent.Pay, OrderStatus.Paid },
        { OrderStatus.Paid, OrderEvent.Settle, OrderStatus.Settled },
        { OrderStatus.Created, OrderEvent.Revoke, OrderStatus.Revoked },
        { OrderStatus.AwaitingPayment, OrderEvent.Revoke, OrderStatus.Revoked },
        { OrderStatus.Created, OrderEvent.Expire, OrderStatus.Expired },
        { OrderStatus.AwaitingPayment, OrderEvent.Expire, OrderStatus.Expired },
        { OrderStatus.Settled, OrderEvent.Refund, OrderStatus.Refunded },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Next_AllowedTransition_GivesTheNextState(OrderStatus from, OrderEvent @event, OrderStatus to)
    {
        var next = PaymentOrders.Next(from, @event);

        Assert.True(next.IsSuccess);
        Assert.Equal(to, next.Value);
    }

    [Fact]
    public void Next_EveryOtherTransition_IsRefusedWithAStableCode()
    {
        var allowed = Allowed.Select(row => ((OrderStatus)row[0], (OrderEvent)row[1])).ToHashSet();
        var codes = new HashSet<string>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var @event in Enum.GetValues<OrderEvent>().Where(e => !allowed.Contains((from, e))))
            {
                var next = PaymentOrders.Next(from, @event);
                Assert.False(next.IsSuccess, $"{from} + {@event} should be refused");
                Assert.StartsWith("order_", next.Error.Code, StringComparison.Ordinal);
                codes.Add(next.Error.Code);
            }
        }

        Assert.Contains("order_expired", codes);
        Assert.Contains("order_not_refundable", codes);
        Assert.Contains("order_not_awaiting_payment", codes);
    }

    [Fact]
    public void Next_AfterSettledOrLetGo_NothingReleasesOrSettlesAgain()
    {
        foreach (var done in new[] { OrderStatus.Settled, OrderStatus.Revoked, OrderStatus.Expired, OrderStatus.Refunded })
        {
            Assert.False(PaymentOrders.Next(done, OrderEvent.Revoke).IsSuccess);
            Assert.False(PaymentOrders.Next(done, OrderEvent.Expire).IsSuccess);
            Assert.False(PaymentOrders.Next(done, OrderEvent.Pay).IsSuccess);
        }
    }

    [Theory]
    [InlineData(OrderStatus.Created, -1, false)]
    [InlineData(OrderStatus.Created, 0, true)]
    [InlineData(OrderStatus.AwaitingPayment, 1, true)]
    [InlineData(OrderStatus.Settled, 1, false)]
    [InlineData(OrderStatus.Revoked, 1, false)]
    public void HasTimedOut_ByStateAndTime(OrderStatus status, int secondsPastExpiry, bool timedOut)
    {
        var expiresAt = new DateTimeOffset(2026, 11, 22, 2, 30, 0, TimeSpan.Zero);

        Assert.Equal(timedOut, PaymentOrders.HasTimedOut(status, expiresAt, expiresAt.AddSeconds(secondsPastExpiry)));
    }

    [Theory]
    [InlineData(null, "0")]
    [InlineData("0", "0")]
    [InlineData("8.50", "8.50")]
    [InlineData("1000", "1000")]
    public void CheckDeliveryFee_Valid_IsTheFee(string? fee, string expected)
    {
        var checkedFee = PaymentOrders.CheckDeliveryFee(fee is null ? null : decimal.Parse(fee, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), checkedFee.Value);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1000.01")]
    [InlineData("3.005")]
    public void CheckDeliveryFee_Invalid_IsRefused(string fee)
    {
        var checkedFee = PaymentOrders.CheckDeliveryFee(decimal.Parse(fee, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("invalid_delivery_fee", checkedFee.Error?.Code);
    }

    [Fact]
    public void OrderSplit_CashTotal_IsTheCashShareAndTheDeliveryFee()
    {
        var split = new OrderSplit(100m, 60m, 10m, 30m, 8.5m);

        Assert.Equal(38.5m, split.CashTotal);
    }

    [Fact]
    public void StatusNames_RoundTrip()
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            Assert.True(PaymentOrders.TryParseStatus(status.ToName(), out var parsed));
            Assert.Equal(status, parsed);
        }

        Assert.False(PaymentOrders.TryParseStatus("pending", out _));
    }
}
