using CsCheck;
using Yibao.Domain.Clearing;

namespace Yibao.Domain.Tests.Clearing;

public sealed class ClearingStatementTests
{
    private static readonly Gen<ClearingPair> PairGen =
        from insured in Gen.Int[1, 5]
        from treatment in Gen.Int[1, 5].Where(t => t != insured)
        from settled in Gen.Long[0, 1000]
        from cancelled in Gen.Long[0, 50]
        from fund in Gen.Int[-100_000, 10_000_000]
        from acct in Gen.Int[-10_000, 1_000_000]
        select new ClearingPair($"{insured}00100", $"{treatment}00100", settled, cancelled, (fund + acct) / 100m, fund / 100m, acct / 100m, 0m);

    [Fact]
    public void Positions_AnyPairs_NetsSumToZeroAndEachAreaOwesItsPairs()
    {
        PairGen.List[0, 20].Sample(pairs =>
        {
            var positions = ClearingStatement.Positions(pairs);

            Assert.Equal(0m, positions.Sum(p => p.Net));
            foreach (var p in positions)
            {
                Assert.Equal(pairs.Where(x => x.InsuredArea == p.Area).Sum(x => x.Amount), p.Owes);
                Assert.Equal(pairs.Where(x => x.TreatmentArea == p.Area).Sum(x => x.Amount), p.Owed);
            }

            Assert.Equal(pairs.SelectMany(x => new[] { x.InsuredArea, x.TreatmentArea }).Distinct().Order(StringComparer.Ordinal), positions.Select(p => p.Area));
        }, iter: 2_000);
    }

    [Fact]
    public void Amount_APair_IsTheFundAndTheAccountNetOfCancellations()
    {
        var pair = new ClearingPair("330100", "110100", 10, 3, 1000m, 600.10m, 99.90m, 300m);

        Assert.Equal((7L, 700m), (pair.Count, pair.Amount));
    }

    [Fact]
    public void Confirm_TheLastArea_ClosesTheMonth()
    {
        var month = new ClearingMonth(2026, 10);
        var confirmed = new Dictionary<string, bool> { ["330100"] = true, ["110100"] = false };

        Assert.Equal(ClearingMonthStatus.Closed, ClearingStatement.Confirm(month, "110100", confirmed).Value);
        Assert.Equal(ClearingMonthStatus.Confirming, ClearingStatement.Confirm(month, "110100", new Dictionary<string, bool> { ["330100"] = false, ["110100"] = false }).Value);
        Assert.Equal("clearing_already_confirmed", ClearingStatement.Confirm(month, "330100", confirmed).Error!.Code);
        Assert.Equal("clearing_not_found", ClearingStatement.Confirm(month, "440100", confirmed).Error!.Code);
    }

    [Fact]
    public void Recomputable_AfterAConfirmation_IsRefused()
    {
        var month = new ClearingMonth(2026, 10);

        Assert.Null(ClearingStatement.Recomputable(month, [false, false]));
        Assert.Equal("clearing_confirmed", ClearingStatement.Recomputable(month, [false, true])!.Code);
    }

    [Theory]
    [InlineData("2026-10", true)]
    [InlineData("2026-1", false)]
    [InlineData("2026-13", false)]
    [InlineData("26-10-01", false)]
    [InlineData(null, false)]
    public void Parse_Text_AcceptsOnlyYearDashMonth(string? text, bool valid)
    {
        var month = ClearingMonth.Parse(text);

        Assert.Equal(valid, month.IsSuccess);
        if (valid)
        {
            Assert.Equal((text, new DateOnly(2026, 10, 31)), (month.Value.ToString(), month.Value.Last));
        }
    }

    [Theory]
    [InlineData(2026, 10, true)]
    [InlineData(2026, 13, false)]
    [InlineData(2026, 0, false)]
    [InlineData(99, 10, false)]
    public void From_YearAndMonth_AcceptsOnlyAMonth(int year, int month, bool valid)
    {
        var parsed = ClearingMonth.From(year, month);

        Assert.Equal(valid ? null : "clearing_invalid", parsed.Error?.Code);
    }

    [Fact]
    public void ClearableOn_TheMonthsLastDayAndTheDayAfter_OnlyOnceItHasEnded()
    {
        var month = new ClearingMonth(2026, 2);

        Assert.Equal("clearing_month_open", month.ClearableOn(new DateOnly(2026, 2, 28))!.Code);
        Assert.Null(month.ClearableOn(new DateOnly(2026, 3, 1)));
    }
}
