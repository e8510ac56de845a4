using CsCheck;
using Yibao.Domain.Simulation;

namespace Yibao.Domain.Tests.Simulation;

public sealed class SimulationTallyTests
{
    private static readonly DateOnly Day = new(2026, 3, 1);

    [Theory]
    [InlineData("-1500", 0)]
    [InlineData("-1000", 1)]
    [InlineData("-0.01", 6)]
    [InlineData("0", 7)]
    [InlineData("0.01", 8)]
    [InlineData("10", 8)]
    [InlineData("10.01", 9)]
    [InlineData("1000", 13)]
    [InlineData("1000.01", 14)]
    public void BinOf_AChange_FallsInItsBin(string change, int bin)
    {
        Assert.Equal(bin, SimulationTally.BinOf(decimal.Parse(change, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Report_ManyPeople_SumsAgreeWithEachSettlementAndEveryPersonIsBinnedOnce()
    {
        Gen.Select(PersonYear.Gen.Array[1, 30], Settlement.SettlementGenerators.Ratio).Sample((years, bump) =>
        {
            var policy = years[0].Policy;
            var draft = new Policies.Policy(policy.Area, policy.Insutype, policy.Year, 1m, policy.Benefits.ToDictionary(b => b.Key, b => b.Value with { Ratio = Policies.LevelTable.Uniform(bump) }), policy.CrossRegion);
            var tally = new SimulationTally(draft, Day, Day, mostAffected: 5);
            var fundBefore = 0m;
            var fundAfter = 0m;
            var people = 0;
            foreach (var year in years)
            {
                var psnNo = $"P{people++:000}";
                var sameYear = new PersonYear(policy, year.Catalogue, year.Opening with { Insutype = policy.Insutype }, year.Claims).Settle(Day) with { PsnNo = psnNo };
                tally.Add(sameYear);
                foreach (var r in PolicySimulator.Resettle(sameYear, draft).Where(r => r.Stored.Status == Domain.Lifecycles.SettlementStatus.Settled))
                {
                    fundBefore += r.Stored.FundPaySumamt;
                    fundAfter += r.FundPaySumamt;
                }
            }

            var report = tally.Report();

            Assert.Equal((fundBefore, fundAfter), (report.Total.FundBefore, report.Total.FundAfter));
            Assert.Equal(report.Total.FundAfter, report.ByBenefitKind.Sum(b => b.FundAfter));
            Assert.Equal(report.Total.FundAfter, report.ByPersonType.Sum(b => b.FundAfter));
            Assert.Equal(report.Total.CashAfter, report.ByInstitutionLevel.Sum(b => b.CashAfter));
            Assert.Equal(report.People, report.CashChangeHistogram.Sum(b => b.People));
            Assert.True(report.MostAffected.Count <= 5);
            Assert.Equal(report.MostAffected.OrderByDescending(p => Math.Abs(p.CashChange)).Select(p => p.CashChange), report.MostAffected.Select(p => p.CashChange));
        }, iter: 300);
    }

    [Fact]
    public void Add_ASettlementOutsideThePeriod_RebuildsTheLedgerButIsNotCounted()
    {
        var generated = PersonYear.Gen.Where(y => y.Claims.Length >= 2).Single();
        var year = generated with { Claims = [.. generated.Claims.Select(c => c with { CancelledAfter = null })] };
        var history = year.Settle(Day);
        var shifted = history with { Settlements = [.. history.Settlements.Select((s, i) => i == 0 ? s with { SettlementDate = Day.AddDays(-1) } : s)] };
        var tally = new SimulationTally(year.Policy, Day, Day);

        tally.Add(shifted);
        var report = tally.Report();

        Assert.Equal(history.Settlements.Count, report.Resettled);
        Assert.Equal(history.Settlements.Count - 1, report.Total.Settlements);
        Assert.Equal(history.Settlements.Skip(1).Sum(s => s.FundPaySumamt), report.Total.FundBefore);
        Assert.Equal(0, report.Changed);
    }
}
