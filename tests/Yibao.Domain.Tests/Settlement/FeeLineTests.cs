using Yibao.Domain.Settlement;

namespace Yibao.Domain.Tests.Settlement;

public sealed class FeeLineTests
{
    public static TheoryData<decimal, decimal, decimal, bool> Lines() => new()
    {
        { 1.85m, 28m, 51.80m, true },
        { 1.85m, 28.0m, 51.8m, true },
        { 0m, 1m, 0m, true },
        { -0.00m, 1m, 0m, true }, // negative zero is not below zero
        { 0.3333m, 3m, 1.00m, true },
        { 0.005m, 1m, 0.01m, true }, // half a cent rounds away from zero
        { -0.01m, 1m, -0.01m, false },
        { 1m, 0m, 0m, false },
        { 1m, -0.00m, 0m, false },
        { 1m, -1m, -1m, false },
        { 1.5m, 2m, 3.01m, false },
        { 0.12345m, 1m, 0.12m, false }, // five places: a database column would truncate it silently
        { 1m, 1.00001m, 1m, false },
        { FeeLine.MaxPrice + 0.0001m, 1m, FeeLine.MaxPrice + 0.0001m, false },
        { decimal.MaxValue, 2m, 1m, false }, // would overflow price × qty
        { 1m, decimal.MaxValue, 1m, false },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void IsValid_PriceQtyAmount_FollowsTheSpecWithinSafeBounds(decimal price, decimal qty, decimal amount, bool valid)
    {
        Assert.Equal(valid, new FeeLine("X", price, qty, amount).IsValid);
    }
}
