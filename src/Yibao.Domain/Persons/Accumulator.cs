using Yibao.Domain.Codes;

namespace Yibao.Domain.Persons;

/// <summary>What a person has used of one benefit in one year.</summary>
public readonly record struct Accumulator(decimal DeductiblePaid, decimal FundPaid)
{
    public static Accumulator Zero => default;

    public Accumulator Add(Accumulator delta) => new(DeductiblePaid + delta.DeductiblePaid, FundPaid + delta.FundPaid);

    public Accumulator Subtract(Accumulator delta) => new(DeductiblePaid - delta.DeductiblePaid, FundPaid - delta.FundPaid);
}

/// <summary>A person's accumulators for one year, one per benefit kind (absent = zero).</summary>
public sealed class AccumulatorSet
{
    private readonly Accumulator[] _values = new Accumulator[BenefitKinds.Count];

    public AccumulatorSet()
    {
    }

    public AccumulatorSet(IEnumerable<KeyValuePair<BenefitKind, Accumulator>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (kind, value) in values)
        {
            _values[(int)kind] = value;
        }
    }

    public static AccumulatorSet Empty { get; } = new();

    public Accumulator this[BenefitKind kind] => _values[(int)kind];

    /// <summary>A copy with one benefit's accumulator replaced.</summary>
    public AccumulatorSet With(BenefitKind kind, Accumulator value)
    {
        var copy = new AccumulatorSet();
        _values.CopyTo(copy._values, 0);
        copy._values[(int)kind] = value;
        return copy;
    }
}
