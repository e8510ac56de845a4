using Yibao.Domain.Codes;

namespace Yibao.Domain.Persons;

/// <summary>
/// What one settlement takes from a person's ledger: money from the personal account and use of one
/// benefit's accumulator in one year. A cancellation gives back exactly the same entry.
/// </summary>
public readonly record struct LedgerEntry(int Year, BenefitKind Benefit, decimal AcctPay, Accumulator Use);

/// <summary>
/// A person's ledger for one year: the personal-account balance and the year's accumulators, the
/// state that concurrent settlements contend for. Taking and giving back are the only arithmetic
/// on it; both are exact inverses.
/// </summary>
public sealed record PersonLedger(decimal Balance, int Year, AccumulatorSet Accumulators)
{
    /// <summary>The ledger after a settlement took <paramref name="entry"/>.</summary>
    public PersonLedger Take(LedgerEntry entry)
    {
        CheckYear(entry);
        return this with { Balance = Balance - entry.AcctPay, Accumulators = Accumulators.With(entry.Benefit, Accumulators[entry.Benefit].Add(entry.Use)) };
    }

    /// <summary>The ledger after <paramref name="entry"/> was given back (a cancellation, or a released hold).</summary>
    public PersonLedger GiveBack(LedgerEntry entry)
    {
        CheckYear(entry);
        return this with { Balance = Balance + entry.AcctPay, Accumulators = Accumulators.With(entry.Benefit, Accumulators[entry.Benefit].Subtract(entry.Use)) };
    }

    private void CheckYear(LedgerEntry entry)
    {
        if (entry.Year != Year)
        {
            throw new InvalidOperationException($"an entry of {entry.Year} applied to the ledger of {Year}");
        }
    }
}
