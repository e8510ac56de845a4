using CsCheck;
using Yibao.Domain.Codes;
using Yibao.Domain.Interchange;
using Yibao.Domain.Settlement;
using static Yibao.Domain.Tests.Settlement.SettlementGenerators;

namespace Yibao.Domain.Tests.Settlement;

/// <summary>The spec's invariants and channel parity, over randomly generated cases.</summary>
public sealed class SettlementPropertyTests
{
    private const long Iterations = 5_000;

    [Fact]
    public void Settle_AnyValidCase_EveryLineSplitsItsAmountExactly()
    {
        InputGen.Sample(input =>
        {
            var r = SettlementEngine.Settle(input).Value;
            for (var i = 0; i < input.Lines.Count; i++)
            {
                var s = r.Lines[i];
                Assert.Equal(input.Lines[i].Amount, s.Fulamt + s.Over + s.Pre + s.Inscp);
                Assert.True(s.Fulamt >= 0 && s.Over >= 0 && s.Pre >= 0 && s.Inscp >= 0, $"negative split {s}");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Settle_AnyValidCase_TotalsBalanceAndNoAmountIsNegative()
    {
        InputGen.Sample(input =>
        {
            var r = SettlementEngine.Settle(input).Value;
            Assert.Equal(r.InscpScpAmt, r.ActPayDedc + r.HifpPay + r.PoolPropSelfpay);
            Assert.Equal(r.MedfeeSumamt, r.FundPaySumamt + r.AcctPay + r.PsnCashPay);
            Assert.Equal(r.MedfeeSumamt, input.Lines.Sum(l => l.Amount));
            Assert.Equal(r.MedfeeSumamt, r.FulamtOwnpayAmt + r.OverlmtSelfpay + r.PreselfpayAmt + r.InscpScpAmt);
            Assert.All(SettlementJson.Fields(r), f => Assert.True(f.Amount >= 0, $"{f.Name} = {f.Amount}"));
            Assert.All(SettlementJson.Fields(r), f => Assert.True(Money.IsWholeCents(f.Amount), $"{f.Name} = {f.Amount} is not whole cents"));
        }, iter: Iterations);
    }

    [Fact]
    public void Settle_AnyValidCase_NeverExceedsTheCapOrTheAccount()
    {
        InputGen.Sample(input =>
        {
            var r = SettlementEngine.Settle(input).Value;
            var benefit = input.Policy.BenefitFor(r.BenefitKind);
            var used = input.Person.Accumulators[r.BenefitKind];
            if (benefit.Cap is { } cap)
            {
                Assert.True(r.HifpPay <= Math.Max(0, cap - used.FundPaid), $"fund {r.HifpPay} beyond the cap left");
            }

            Assert.True(r.AcctPay <= input.Person.AccountBalance);
            Assert.Equal(input.Person.AccountBalance - r.AcctPay, r.Balc);
            Assert.True(r.Ratio <= input.Policy.MaxRatio);
            if (input.Person.Insutype == Insutype.ResidentBasic || !input.Visit.UseAccount)
            {
                Assert.Equal(0m, r.AcctPay);
            }

            Assert.Equal(r.HifpPay, r.AccumulatorDelta.FundPaid);
        }, iter: Iterations);
    }

    [Fact]
    public void Settle_SameVisitOnlineAndOffline_IdenticalToTheCentLineByLine()
    {
        InputGen.Sample(input =>
        {
            var offline = SettlementEngine.Settle(input with { Visit = input.Visit with { Channel = Channel.Offline } });
            var online = SettlementEngine.Settle(input with { Visit = input.Visit with { Channel = Channel.Online } });
            Assert.Equal(SettlementJson.Write(offline), SettlementJson.Write(online));
            Assert.Equal(offline.Value.AccumulatorDelta, online.Value.AccumulatorDelta);
        }, iter: Iterations);
    }

    [Fact]
    public void Settle_OfflineVisit_FirstOrFollowUpSettleAlike()
    {
        InputGen.Sample(input =>
        {
            var first = SettlementEngine.Settle(input with { Visit = input.Visit with { VisitKind = VisitKind.First } });
            var followUp = SettlementEngine.Settle(input);
            Assert.Equal(SettlementJson.Write(followUp), SettlementJson.Write(first));
        }, iter: 1_000);
    }

    [Fact]
    public void Settle_OnlineFirstVisit_AlwaysRefusedWhateverElseIsWrong()
    {
        Gen.Select(InputGen, Gen.Bool, Gen.Bool).Sample(t =>
        {
            var (input, badMedType, mismatch) = t;
            var visit = input.Visit with { Channel = Channel.Online, VisitKind = VisitKind.First, MedType = badMedType ? "99" : input.Visit.MedType };
            var person = mismatch ? input.Person with { Insutype = input.Policy.Insutype == "310" ? "390" : "310" } : input.Person;
            var outcome = SettlementEngine.Settle(input with { Visit = visit, Person = person });
            Assert.Equal("online_first_visit", outcome.Error?.Code);
        }, iter: 1_000);
    }

    [Fact]
    public void Settle_CrossRegionFiling_NeverPaysMoreThanTheLocalVisit()
    {
        InputGen.Sample(input =>
        {
            var local = SettlementEngine.Settle(input with { Visit = input.Visit with { Filing = Filing.None } }).Value;
            var away = SettlementEngine.Settle(input with { Visit = input.Visit with { Filing = Filing.Unfiled } }).Value;
            Assert.True(away.HifpPay <= local.HifpPay, $"unfiled paid {away.HifpPay} > local {local.HifpPay}");
        }, iter: 2_000);
    }

    [Fact]
    public void Settle_AccumulatorsAfterSettling_ResettlingCannotPassTheCap()
    {
        // Settle twice in a row with the accumulators carried forward: the fund's total stays within the cap.
        InputGen.Sample(input =>
        {
            var first = SettlementEngine.Settle(input).Value;
            var kind = first.BenefitKind;
            var carried = new Domain.Persons.AccumulatorSet(BenefitKinds.All.Select(k =>
                KeyValuePair.Create(k, k == kind ? input.Person.Accumulators[k].Add(first.AccumulatorDelta) : input.Person.Accumulators[k])));
            var second = SettlementEngine.Settle(input with { Person = input.Person with { Accumulators = carried, AccountBalance = first.Balc } }).Value;
            if (input.Policy.BenefitFor(kind).Cap is { } cap)
            {
                var before = input.Person.Accumulators[kind].FundPaid;
                Assert.True(before + first.HifpPay + second.HifpPay <= Math.Max(cap, before));
            }

            Assert.True(second.Balc >= 0);
        }, iter: 2_000);
    }
}
