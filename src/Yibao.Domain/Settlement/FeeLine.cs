namespace Yibao.Domain.Settlement;

/// <summary>One fee line of a claim: <c>amount</c> must equal round(price × qty).</summary>
public readonly record struct FeeLine(string Code, decimal Price, decimal Qty, decimal Amount)
{
    public bool IsValid => Qty > 0 && Price >= 0 && Amount == Money.Round(Price * Qty);
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
