using CsCheck;
using Yibao.Domain.Codes;
using Yibao.Domain.Policies;
using Yibao.Domain.Simulation;

namespace Yibao.Domain.Tests.Simulation;

public sealed class PolicySimulatorTests
{
    private const long Iterations = 2_000;

    [Fact]
    public void Resettle_TheSamePolicy_ReproducesEverySettlementToTheCent()
    {
        PersonYear.Gen.Sample(year =>
        {
            var history = year.Settle();

            var resettled = PolicySimulator.Resettle(history, year.Policy);

            Assert.Equal(history.Settlements.Count, resettled.Count);
            foreach (var r in resettled)
            {
                Assert.False(r.Changed, $"{r.Stored.SetlId}: fund {r.Stored.FundPaySumamt} → {r.FundPaySumamt}, account {r.Stored.AcctPay} → {r.AcctPay}, cash {r.Stored.PsnCashPay} → {r.PsnCashPay}");
                Assert.Equal(r.Stored.Delta, r.Delta);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Resettle_AnyDraft_EachSettlementStillBalancesAndKeepsTheCap()
    {
        Gen.Select(PersonYear.Gen, Settlement.SettlementGenerators.PolicyGen).Sample((year, other) =>
        {
            var draft = new Policy(year.Policy.Area, year.Policy.Insutype, year.Policy.Year, other.MaxRatio, other.Benefits.ToDictionary(), other.CrossRegion);
            var history = year.Settle();

            var resettled = PolicySimulator.Resettle(history, draft);

            var fundByKind = new decimal[BenefitKinds.Count];
            foreach (var r in resettled)
            {
                Assert.Equal(r.Stored.Totals.MedfeeSumamt, r.FundPaySumamt + r.AcctPay + r.PsnCashPay);
                Assert.True(r.FundPaySumamt >= 0 && r.AcctPay >= 0 && r.PsnCashPay >= 0);
                if (r.Stored.Stands)
                {
                    fundByKind[(int)r.Stored.BenefitKind] += r.FundPaySumamt;
                }
            }

            foreach (var kind in BenefitKinds.All)
            {
                if (draft.BenefitFor(kind).Cap is { } cap && fundByKind[(int)kind] > 0)
                {
                    var opening = year.Opening.Accumulators[kind].FundPaid;
                    Assert.True(fundByKind[(int)kind] <= Math.Max(0, cap - opening), $"{kind}: {fundByKind[(int)kind]} paid beyond a cap of {cap} with {opening} used");
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Resettle_HigherRatiosWithoutCaps_NeverPayTheFundLess()
    {
        PersonYear.Gen.Sample(year =>
        {
            var uncapped = Reshape(year.Policy, b => b with { Cap = null });
            var richer = Reshape(uncapped, b => b with { Ratio = new LevelTable(Raise(b.Ratio.Level1), Raise(b.Ratio.Level2), Raise(b.Ratio.Level3)) });
            var history = year.Settle();

            var before = PolicySimulator.Resettle(history, uncapped);
            var after = PolicySimulator.Resettle(history, richer);

            for (var i = 0; i < before.Count; i++)
            {
                Assert.True(after[i].FundPaySumamt >= before[i].FundPaySumamt, $"{before[i].Stored.SetlId}: {before[i].FundPaySumamt} → {after[i].FundPaySumamt}");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Resettle_ALowerCap_MovesTheRestToThePerson()
    {
        PersonYear.Gen.Sample(year =>
        {
            var capped = Reshape(year.Policy, b => b with { Cap = 0m });
            var history = year.Settle();

            var resettled = PolicySimulator.Resettle(history, capped);

            Assert.All(resettled, r => Assert.Equal(0m, r.FundPaySumamt));
            Assert.All(resettled, r => Assert.Equal(r.Stored.Totals.MedfeeSumamt, r.AcctPay + r.PsnCashPay));
        }, iter: Iterations);
    }

    private static decimal Raise(decimal ratio) => Math.Min(1m, ratio + 0.05m);

    private static Policy Reshape(Policy policy, Func<Benefit, Benefit> change) =>
        new(policy.Area, policy.Insutype, policy.Year, policy.MaxRatio, policy.Benefits.ToDictionary(b => b.Key, b => change(b.Value)), policy.CrossRegion);
}
