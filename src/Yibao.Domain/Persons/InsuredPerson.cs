using Yibao.Domain.Codes;

namespace Yibao.Domain.Persons;

/// <summary>The settlement-relevant state of an insured person at the moment of settling.</summary>
/// <param name="Area">The insured area (<c>insuplc_admdvs</c>).</param>
/// <param name="AccountBalance">Employee personal-account balance (<c>balc</c>) before this settlement.</param>
public sealed record InsuredPerson(string Area, string Insutype, bool Retired, decimal AccountBalance, AccumulatorSet Accumulators);

/// <summary>A chronic or special disease registration (门慢门特), which also qualifies online follow-ups.</summary>
public sealed record ChronicRegistration(string Disease, string Name, DateOnly From);

/// <summary>A cross-region filing (异地就医备案) of a person to a treatment area.</summary>
public sealed record CrossRegionFiling(Filing Type, string Reason, string ToArea, DateOnly From, DateOnly? To)
{
    public bool IsValidOn(DateOnly date) => From <= date && (To is null || date <= To);

    /// <summary>A filing names an area or a whole province.</summary>
    public bool Covers(string treatmentArea) => ToArea == treatmentArea || ToArea == Areas.ProvinceOf(treatmentArea);
}

public static class CrossRegionFilings
{
    /// <summary>
    /// The filing a visit settles under: <see cref="Filing.None"/> in the insured area; otherwise the
    /// most favourable filing valid on the visit date for the treatment area; none valid is unfiled.
    /// </summary>
    public static Filing Resolve(string insuredArea, string treatmentArea, DateOnly visitDate, IEnumerable<CrossRegionFiling> filings)
    {
        ArgumentNullException.ThrowIfNull(filings);
        if (insuredArea == treatmentArea)
        {
            return Filing.None;
        }

        var best = Filing.Unfiled;
        foreach (var f in filings)
        {
            if (f.Type is Filing.LongTerm or Filing.TemporaryFiled && f.IsValidOn(visitDate) && f.Covers(treatmentArea) && f.Type < best)
            {
                best = f.Type;
            }
        }

        return best;
    }
}
