using Yibao.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Payments;

public sealed class OrderExpirySweepTests
{
    [Fact]
    public async Task Sweep_InTheBackground_ExpiresAnUnpaidOrderNobodyLooksAt()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "30" });
        var flow = new PaymentFlow(server);
        var before = await flow.MoneyAsync();
        var order = await flow.OrderAsync(await flow.VisitAsync());
        var payOrdId = order.GetProperty("pay_ord_id").GetString()!;

        server.Clock.Advance(TimeSpan.FromMinutes(31));
        string? status = null;
        for (var attempt = 0; attempt < 100 && status != "expired"; attempt++)
        {
            await Task.Delay(50);
            server.Clock.Advance(TimeSpan.FromSeconds(30)); // the next tick, should the first have come before the clock moved
            await using var db = server.OpenDatabase();
            status = (await db.PaymentOrders.AsNoTracking().Where(o => o.PayOrdId == payOrdId).Select(o => o.Status).SingleAsync()).ToName();
        }

        Assert.Equal("expired", status);
        Assert.Equal(before, await flow.MoneyAsync());
    }
}
