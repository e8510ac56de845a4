using CsCheck;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;

namespace Yibao.Domain.Tests.Persons;

public sealed class PersonLedgerTests
{
    private static readonly Gen<LedgerEntry> EntryGen =
        Gen.Select(Gen.Int[0, BenefitKinds.Count - 1], Gen.Int[0, 100_000], Gen.Int[0, 50_000], Gen.Int[0, 500_000])
            .Select((kind, acct, deductible, fund) => new LedgerEntry(2026, (BenefitKind)kind, acct / 100m, new Accumulator(deductible / 100m, fund / 100m)));

    private static PersonLedger Start(decimal balance) => new(balance, 2026, AccumulatorSet.Empty);

    [Fact]
    public void Take_AnEntry_MovesBalanceAndTheBenefitsAccumulatorOnly()
    {
        var entry = new LedgerEntry(2026, BenefitKind.Outpatient, 120.50m, new Accumulator(300m, 455.25m));

        var after = Start(800m).Take(entry);

        Assert.Equal(679.50m, after.Balance);
        Assert.Equal(new Accumulator(300m, 455.25m), after.Accumulators[BenefitKind.Outpatient]);
        Assert.Equal(Accumulator.Zero, after.Accumulators[BenefitKind.Chronic]);
    }

    [Fact]
    public void TakeAndGiveBack_AnySequenceInAnyOrder_RestoresTheLedgerToTheCent()
    {
        Gen.Select(Gen.Int[0, 1_000_000], EntryGen.List[0, 20], Gen.Int).Sample((balance, entries, seed) =>
        {
            var start = Start(balance / 100m);
            var taken = entries.Aggregate(start, (ledger, e) => ledger.Take(e));
            var order = entries.OrderBy(_ => new Random(seed).Next()).ToList();
            var back = order.Aggregate(taken, (ledger, e) => ledger.GiveBack(e));

            Assert.Equal(start.Balance, back.Balance);
            Assert.All(BenefitKinds.All, k => Assert.Equal(Accumulator.Zero, back.Accumulators[k]));
            Assert.Equal(start.Balance - entries.Sum(e => e.AcctPay), taken.Balance);
        });
    }

    [Fact]
    public void Take_AnEntryOfAnotherYear_IsABug()
    {
        var entry = new LedgerEntry(2025, BenefitKind.Outpatient, 1m, Accumulator.Zero);
        Assert.Throws<InvalidOperationException>(() => Start(10m).Take(entry));
    }

    [Fact]
    public void With_ReplacesOneBenefit_LeavingTheOriginalUntouched()
    {
        var empty = AccumulatorSet.Empty;
        var changed = empty.With(BenefitKind.Pharmacy, new Accumulator(1m, 2m));
        Assert.Equal(Accumulator.Zero, empty[BenefitKind.Pharmacy]);
        Assert.Equal(new Accumulator(1m, 2m), changed[BenefitKind.Pharmacy]);
    }
}
