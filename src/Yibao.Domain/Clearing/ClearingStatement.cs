namespace Yibao.Domain.Clearing;

/// <summary>
/// One pair's month (insured area, treatment area): the settlements made in the month count, the
/// cancellations made in it count against (whenever the settlement was made), so that a correction
/// after a month is closed lands in the next one.
/// </summary>
public sealed record ClearingPair(string InsuredArea, string TreatmentArea, long Settled, long Cancelled, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay)
{
    /// <summary>Settlements net of cancellations.</summary>
    public long Count => Settled - Cancelled;

    /// <summary>What the insured area owes the treatment area: the fund's share and the personal account's, both the insured area's money, which the treatment area advanced to its institutions.</summary>
    public decimal Amount => FundPaySumamt + AcctPay;
}

/// <summary>An area's position in the month: what it owes as the insured area, what it is owed as the treatment area, and the net (owes less owed; positive, it pays).</summary>
public sealed record ClearingPosition(string Area, decimal Owes, decimal Owed)
{
    public decimal Net => Owes - Owed;
}

/// <summary>The states of a clearing month.</summary>
public static class ClearingMonthStatus
{
    /// <summary>Computed, and computed again on each run, while no area has confirmed.</summary>
    public const string Draft = "draft";

    /// <summary>Some areas have confirmed their statements: no longer computed again.</summary>
    public const string Confirming = "confirming";

    /// <summary>Every area has confirmed: the month never changes again.</summary>
    public const string Closed = "closed";
}

/// <summary>The month's arithmetic and lifecycle: each area's net position from the pairs, and the confirmations that close it.</summary>
public static class ClearingStatement
{
    /// <summary>Every area that appears in a pair, with its position; the nets sum to zero.</summary>
    public static IReadOnlyList<ClearingPosition> Positions(IEnumerable<ClearingPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var owes = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var owed = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            owes[pair.InsuredArea] = owes.GetValueOrDefault(pair.InsuredArea) + pair.Amount;
            owed[pair.TreatmentArea] = owed.GetValueOrDefault(pair.TreatmentArea) + pair.Amount;
            owes.TryAdd(pair.TreatmentArea, 0);
            owed.TryAdd(pair.InsuredArea, 0);
        }

        return owes.Select(o => new ClearingPosition(o.Key, o.Value, owed[o.Key])).ToList();
    }

    /// <summary>
    /// An area confirms its statement: refused if it has no statement in the month or has confirmed
    /// already. The month's state after it: closed when this was its last area, confirming otherwise.
    /// </summary>
    public static Result<string> Confirm(ClearingMonth month, string area, IReadOnlyDictionary<string, bool> confirmed)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        if (!confirmed.TryGetValue(area, out var already))
        {
            return ClearingErrors.NotFound.With($"area {area} has no statement in {month}");
        }

        if (already)
        {
            return ClearingErrors.AlreadyConfirmed.With($"area {area} has confirmed its statement of {month} already");
        }

        return confirmed.All(c => c.Value || c.Key == area) ? ClearingMonthStatus.Closed : ClearingMonthStatus.Confirming;
    }

    /// <summary>Whether the month may be computed (again): only while no area has confirmed.</summary>
    public static DomainError? Recomputable(ClearingMonth month, IEnumerable<bool> confirmed) =>
        confirmed.Any(c => c)
            ? ClearingErrors.Confirmed.With($"{month} has confirmed statements and is not computed again: a correction goes into the next month")
            : null;
}
