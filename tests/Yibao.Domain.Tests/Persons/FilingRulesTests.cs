using Yibao.Domain.Codes;
using Yibao.Domain.Persons;

namespace Yibao.Domain.Tests.Persons;

public sealed class FilingRulesTests
{
    private const string Hangzhou = "330100";
    private const string Beijing = "110100";
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static Result<CrossRegionFiling> Apply(Filing type, string reason, DateOnly from, DateOnly? to = null, string toArea = Beijing, bool unsettled = false, params CrossRegionFiling[] existing) =>
        FilingRules.Apply(new FilingApplication(type, reason, toArea, from, to), Hangzhou, existing, Today, unsettled);

    [Fact]
    public void Apply_ALongTermFiling_IsOpenEnded()
    {
        var filing = Apply(Filing.LongTerm, "retiree", Today).Value;

        Assert.Null(filing.To);
        Assert.True(filing.IsValidOn(Today.AddYears(10)));
        Assert.Equal("filing_invalid", Apply(Filing.LongTerm, "retiree", Today, Today.AddYears(1)).Error!.Code);
        Assert.Equal("filing_invalid", Apply(Filing.LongTerm, "referral", Today).Error!.Code);
    }

    [Fact]
    public void Apply_ATemporaryFiling_IsValidForAtLeastSixMonths()
    {
        var filing = Apply(Filing.TemporaryFiled, "referral", Today).Value;

        Assert.Equal(new DateOnly(2027, 6, 2), filing.To);
        Assert.Equal("filing_invalid", Apply(Filing.TemporaryFiled, "referral", Today, new DateOnly(2027, 6, 1)).Error!.Code);
        Assert.Equal(new DateOnly(2027, 12, 31), Apply(Filing.TemporaryFiled, "other", Today, new DateOnly(2027, 12, 31)).Value.To);
    }

    [Fact]
    public void Apply_AfterTheTreatment_OnlyAnEmergencyNotYetSettled()
    {
        var lastWeek = Today.AddDays(-7);

        Assert.Equal(lastWeek, Apply(Filing.TemporaryFiled, "emergency", lastWeek, unsettled: true).Value.From);
        Assert.Equal("filing_backdated", Apply(Filing.TemporaryFiled, "emergency", lastWeek, unsettled: false).Error!.Code);
        Assert.Equal("filing_backdated", Apply(Filing.TemporaryFiled, "referral", lastWeek, unsettled: true).Error!.Code);
        Assert.Equal("filing_backdated", Apply(Filing.LongTerm, "resident", lastWeek, unsettled: true).Error!.Code);
    }

    [Fact]
    public void Apply_TheInsuredAreaOrAnOverlap_IsRefused()
    {
        var beijing = Apply(Filing.LongTerm, "posted", Today).Value;
        var ended = FilingRules.End(beijing, Today.AddDays(30)).Value;

        Assert.Equal("filing_same_area", Apply(Filing.LongTerm, "posted", Today, toArea: Hangzhou).Error!.Code);
        Assert.Equal("filing_same_area", Apply(Filing.LongTerm, "posted", Today, toArea: "330000").Error!.Code);
        Assert.Equal("filing_overlaps", Apply(Filing.TemporaryFiled, "referral", Today.AddDays(10), existing: beijing).Error!.Code);
        Assert.Equal("filing_overlaps", Apply(Filing.TemporaryFiled, "referral", Today.AddDays(10), toArea: "110000", existing: beijing).Error!.Code);
        Assert.True(Apply(Filing.TemporaryFiled, "referral", Today.AddDays(31), existing: ended).IsSuccess);
        Assert.True(Apply(Filing.TemporaryFiled, "referral", Today, toArea: "310100", existing: beijing).IsSuccess);
    }

    [Fact]
    public void End_AFiling_CoversItsLastDayAndNotAfterAndNotTwice()
    {
        var filing = Apply(Filing.LongTerm, "retiree", Today).Value;
        var ended = FilingRules.End(filing, Today.AddDays(5)).Value;
        var notBegun = FilingRules.End(Apply(Filing.LongTerm, "retiree", Today.AddDays(10)).Value, Today).Value;

        Assert.True(ended.IsValidOn(Today.AddDays(5)));
        Assert.False(ended.IsValidOn(Today.AddDays(6)));
        Assert.Equal("filing_ended", FilingRules.End(ended, Today.AddDays(6)).Error!.Code);
        Assert.False(notBegun.IsValidOn(Today.AddDays(10)));
    }
}
