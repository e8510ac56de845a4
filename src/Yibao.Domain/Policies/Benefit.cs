using Yibao.Domain.Codes;

namespace Yibao.Domain.Policies;

/// <param name="Per">Whether the deductible is counted per year or per admission.</param>
/// <param name="Amount">The deductible amount, by effective institution level.</param>
public sealed record Deductible(DeductiblePer Per, LevelTable Amount)
{
    public static Deductible None { get; } = new(DeductiblePer.Year, LevelTable.Uniform(0m));
}

/// <summary>What the pooled fund pays for one benefit kind under one policy.</summary>
/// <param name="Cap">The most the pooled fund pays for this benefit in one year; null is no cap.</param>
public sealed record Benefit(Deductible Deductible, LevelTable Ratio, decimal RetiredBonus, decimal? Cap)
{
    /// <summary>A benefit kind absent from a policy: the pooled fund pays nothing.</summary>
    public static Benefit NotCovered { get; } = new(Deductible.None, LevelTable.Uniform(0m), 0m, null);
}
