using Yibao.Domain.Clearing;

namespace Yibao.Domain.Tests.Clearing;

public sealed class AdvanceFundsTests
{
    private static readonly AdvanceTerms Terms = new();

    [Theory]
    [InlineData(1000, 699.99, AdvanceStatus.Ok)]
    [InlineData(1000, 700, AdvanceStatus.Warning)]
    [InlineData(1000, 899.99, AdvanceStatus.Warning)]
    [InlineData(1000, 900, AdvanceStatus.TopUp)]
    [InlineData(0, 0.01, AdvanceStatus.TopUp)]
    [InlineData(0, 0, AdvanceStatus.Ok)]
    public void Assess_Usage_WarnsAt70AndCallsATopUpAt90Percent(decimal advance, decimal used, AdvanceStatus status)
    {
        Assert.Equal(status, AdvanceFunds.Assess("330100", advance, used, used, Terms).Status);
    }

    [Fact]
    public void Assess_ATopUp_CallsForTwoMonthsOfAverageSpend()
    {
        var assessment = AdvanceFunds.Assess("330100", 1000m, 950m, 800.005m, Terms);

        Assert.Equal((0.95m, 1600.01m, 600.01m), (assessment.Usage, assessment.Required, assessment.TopUp));
    }

    [Fact]
    public void Assess_AMonthAboveTwiceTheAverage_CallsAtLeastWhatItUsed()
    {
        var assessment = AdvanceFunds.Assess("330100", 100m, 500m, 50m, Terms);

        Assert.Equal((AdvanceStatus.TopUp, 400m), (assessment.Status, assessment.TopUp));
    }

    [Fact]
    public void Assess_AWarning_CallsNoTopUp()
    {
        Assert.Equal(0m, AdvanceFunds.Assess("330100", 1000m, 800m, 2000m, Terms).TopUp);
    }
}
