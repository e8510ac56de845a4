namespace Yibao.Domain.Settlement;

/// <summary>One fee line of a claim: <c>amount</c> must equal round(price × qty).</summary>
public readonly record struct FeeLine(string Code, decimal Price, decimal Qty, decimal Amount)
{
    /// <summary>Unit prices and quantities carry at most four places and stay far from decimal's range.</summary>
    public const decimal MaxPrice = 99_999_999.9999m;

    public const decimal MaxQty = 999_999.9999m;

    public bool IsValid =>
        Qty > 0 && Qty <= MaxQty && Math.Round(Qty, 4) == Qty
        && Price >= 0 && Price <= MaxPrice && Math.Round(Price, 4) == Price
        && Amount == Money.Round(Price * Qty);
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
