namespace Yibao.Domain.Settlement;

/// <summary>One fee line of a claim: <c>amount</c> must equal round(price × qty).</summary>
public readonly record struct FeeLine(string Code, decimal Price, decimal Qty, decimal Amount)
{
    /// <summary>Unit prices and quantities carry at most four places and stay far from decimal's range.</summary>
    public const decimal MaxPrice = 99_999_999.9999m;

    public const decimal MaxQty = 999_999.9999m;

    public bool IsValid =>
        !decimal.IsNegative(Qty) && !IsZero(Qty) && Qty <= MaxQty && Money.HasAtMostPlaces(Qty, 4)
        && (!decimal.IsNegative(Price) || IsZero(Price)) && Price <= MaxPrice && Money.HasAtMostPlaces(Price, 4)
        && Amount == Money.Round(Price * Qty);

    // Sign and zero as bit tests, not decimal comparisons: this runs for every line of every claim.
    private static bool IsZero<T>(T value) where T : System.Numerics.INumberBase<T> => T.IsZero(value);
}

/// <summary>Phase 1 of a line: how the treatment-place catalogue splits its amount.</summary>
/// <param name="Fulamt">Fully self-paid (class C or not in the catalogue): <c>fulamt_ownpay_amt</c>.</param>
/// <param name="Over">Above the price cap: <c>overlmt_amt</c>.</param>
/// <param name="Pre">Class-B first self-pay: <c>preselfpay_amt</c>.</param>
/// <param name="Inscp">In scope for the pooled fund: <c>inscp_scp_amt</c>.</param>
public readonly record struct LineSplit(string Code, decimal Fulamt, decimal Over, decimal Pre, decimal Inscp)
{
    public decimal Amount => Fulamt + Over + Pre + Inscp;
}
