using Yibao.Domain.Clearing;

namespace Yibao.Application.Clearing;

/// <summary><c>Yibao:Clearing</c>: when an advance's usage warns and calls a top-up, and how many months of spend it should cover.</summary>
public sealed class ClearingOptions
{
    public decimal AdvanceWarnAt { get; set; } = 0.7m;

    public decimal AdvanceTopUpAt { get; set; } = 0.9m;

    public int AdvanceMonthsCovered { get; set; } = 2;

    public AdvanceTerms Terms => new(AdvanceWarnAt, AdvanceTopUpAt, AdvanceMonthsCovered);
}
