using Yibao.Domain.Codes;

namespace Yibao.Domain.Policies;

/// <summary>Percentage points taken off the ratio for a cross-region visit, by filing type.</summary>
public sealed record CrossRegionReduction(decimal LongTerm, decimal TemporaryFiled, decimal Unfiled)
{
    public static CrossRegionReduction Zero { get; } = new(0m, 0m, 0m);

    public decimal For(Filing filing) => filing switch
    {
        Filing.None => 0m,
        Filing.LongTerm => LongTerm,
        Filing.TemporaryFiled => TemporaryFiled,
        Filing.Unfiled => Unfiled,
        _ => throw new ArgumentOutOfRangeException(nameof(filing), filing, null),
    };
}

/// <summary>The insured area's policy for one insurance type and year.</summary>
public sealed class Policy
{
    private readonly Benefit?[] _benefits;

    public Policy(string area, string insutype, int year, decimal maxRatio, IReadOnlyDictionary<BenefitKind, Benefit> benefits, CrossRegionReduction crossRegion)
    {
        ArgumentNullException.ThrowIfNull(benefits);
        Area = area;
        Insutype = insutype;
        Year = year;
        MaxRatio = maxRatio;
        CrossRegion = crossRegion;
        _benefits = new Benefit?[BenefitKinds.Count];
        foreach (var (kind, benefit) in benefits)
        {
            _benefits[(int)kind] = benefit;
        }
    }

    public string Area { get; }

    public string Insutype { get; }

    public int Year { get; }

    public decimal MaxRatio { get; }

    public CrossRegionReduction CrossRegion { get; }

    /// <summary>The benefits the policy defines, in benefit-kind order.</summary>
    public IEnumerable<KeyValuePair<BenefitKind, Benefit>> Benefits =>
        BenefitKinds.All.Where(k => _benefits[(int)k] is not null).Select(k => KeyValuePair.Create(k, _benefits[(int)k]!));

    /// <summary>The benefit for a kind; an absent kind is <see cref="Benefit.NotCovered"/>.</summary>
    public Benefit BenefitFor(BenefitKind kind) => _benefits[(int)kind] ?? Benefit.NotCovered;

    public bool Covers(BenefitKind kind) => _benefits[(int)kind] is not null;

    /// <summary>Checks the ranges the arithmetic relies on.</summary>
    public static Result<Policy> Create(string area, string insutype, int year, decimal maxRatio, IReadOnlyDictionary<BenefitKind, Benefit> benefits, CrossRegionReduction crossRegion)
    {
        if (!Areas.IsValidCode(area))
        {
            return PolicyErrors.Invalid($"area '{area}' is not a 6-digit admdvs code");
        }

        if (!Codes.Insutype.IsKnown(insutype))
        {
            return PolicyErrors.Invalid($"insutype '{insutype}' is not 310 or 390");
        }

        if (maxRatio is < 0 or > 1)
        {
            return PolicyErrors.Invalid("maxRatio must be within [0, 1]");
        }

        foreach (var (kind, b) in benefits)
        {
            foreach (var r in new[] { b.Ratio.Level1, b.Ratio.Level2, b.Ratio.Level3 })
            {
                if (r is < 0 or > 1)
                {
                    return PolicyErrors.Invalid($"{kind.ToName()} ratio must be within [0, 1]");
                }
            }

            if (b.Deductible.Amount.Level1 < 0 || b.Deductible.Amount.Level2 < 0 || b.Deductible.Amount.Level3 < 0 || b.Cap < 0 || b.RetiredBonus is < 0 or > 1)
            {
                return PolicyErrors.Invalid($"{kind.ToName()} amounts must not be negative");
            }
        }

        if (crossRegion.LongTerm is < 0 or > 1 || crossRegion.TemporaryFiled is < 0 or > 1 || crossRegion.Unfiled is < 0 or > 1)
        {
            return PolicyErrors.Invalid("crossRegion reductions must be within [0, 1]");
        }

        return new Policy(area, insutype, year, maxRatio, benefits, crossRegion);
    }
}

public static class PolicyErrors
{
    public static DomainError Invalid(string message) => Interchange.ReferenceErrors.InvalidPolicy.With(message);
}
