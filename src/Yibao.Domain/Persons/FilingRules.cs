using Yibao.Domain.Codes;

namespace Yibao.Domain.Persons;

/// <summary>The refusals of cross-region filing.</summary>
public static class FilingErrors
{
    /// <summary>A filing that is malformed: an unknown type or reason, a long-term filing with an end, a temporary one shorter than six months.</summary>
    public static readonly ErrorCode Invalid = new("filing_invalid", ErrorKind.Invalid);

    /// <summary>The filing names the person's own insured area (or its province): there is nothing to file.</summary>
    public static readonly ErrorCode SameArea = new("filing_same_area", ErrorKind.Refused);

    /// <summary>Another filing for the same place covers some of the same days.</summary>
    public static readonly ErrorCode Overlaps = new("filing_overlaps", ErrorKind.Conflict);

    /// <summary>A filing that starts before today, other than an emergency's for a treatment not yet settled.</summary>
    public static readonly ErrorCode Backdated = new("filing_backdated", ErrorKind.Refused);

    public static readonly ErrorCode NotFound = new("filing_not_found", ErrorKind.NotFound);

    public static readonly ErrorCode Ended = new("filing_ended", ErrorKind.Conflict);
}

/// <summary>What a person asks to file: the type, the reason, the place, from when and (temporary) until when.</summary>
public sealed record FilingApplication(Filing Type, string Reason, string ToArea, DateOnly From, DateOnly? To);

/// <summary>
/// The filing rules of <c>spec/cross-region.md</c>: long-term filings (a resettled retiree, a
/// long-term resident, a posted worker) are open-ended until ended; temporary ones (a referral, an
/// emergency, another reason) are valid for at least six months; an emergency may be filed after
/// the treatment, until that treatment is settled (supplementary filing); one filing at a time for a
/// place.
/// </summary>
public static class FilingRules
{
    public const int MinTemporaryMonths = 6;

    public static IReadOnlyList<string> LongTermReasons { get; } = ["retiree", "resident", "posted"];

    public static IReadOnlyList<string> TemporaryReasons { get; } = ["referral", "emergency", "other"];

    /// <param name="insuredArea">The person's insured area.</param>
    /// <param name="existing">The person's filings.</param>
    /// <param name="unsettledTreatmentSince">Whether the person has a treatment in the place, on or after the filing's first day, not yet settled: what makes an emergency's backdated filing a supplementary one.</param>
    public static Result<CrossRegionFiling> Apply(FilingApplication application, string insuredArea, IReadOnlyList<CrossRegionFiling> existing, DateOnly today, bool unsettledTreatmentSince)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(existing);
        var (type, reason, toArea, from, to) = application;
        var reasons = type switch
        {
            Filing.LongTerm => LongTermReasons,
            Filing.TemporaryFiled => TemporaryReasons,
            _ => null,
        };
        if (reasons is null)
        {
            return FilingErrors.Invalid.With("the type is longTerm or temporaryFiled");
        }

        if (!reasons.Contains(reason))
        {
            return FilingErrors.Invalid.With($"a {type.ToName()} filing's reason is one of {string.Join(", ", reasons)}");
        }

        if (!Areas.IsValidCode(toArea))
        {
            return FilingErrors.Invalid.With("the place is a six-digit area code (or a province's, ending 0000)");
        }

        if (toArea == insuredArea || toArea == Areas.ProvinceOf(insuredArea))
        {
            return FilingErrors.SameArea.With($"{toArea} is the insured area's own: there is nothing to file");
        }

        if (from < today && !(type == Filing.TemporaryFiled && reason == "emergency" && unsettledTreatmentSince))
        {
            return FilingErrors.Backdated.With($"a filing starts today or later; only an emergency may be filed after the treatment, until it is settled");
        }

        var minimumTo = from.AddMonths(MinTemporaryMonths).AddDays(-1);
        if (type == Filing.LongTerm && to is not null)
        {
            return FilingErrors.Invalid.With("a long-term filing is open-ended until it is ended");
        }

        if (type == Filing.TemporaryFiled && to < minimumTo)
        {
            return FilingErrors.Invalid.With($"a temporary filing is valid for at least {MinTemporaryMonths} months: until {minimumTo:yyyy-MM-dd} or later");
        }

        var filing = new CrossRegionFiling(type, reason, toArea, from, type == Filing.LongTerm ? null : to ?? minimumTo);
        if (existing.FirstOrDefault(e => SamePlace(e, filing) && Overlap(e, filing)) is { } other)
        {
            return FilingErrors.Overlaps.With($"a {other.Type.ToName()} filing for {other.ToArea} from {other.From:yyyy-MM-dd}{(other.To is { } t ? $" to {t:yyyy-MM-dd}" : "")} covers some of the same days: end it first");
        }

        return filing;
    }

    /// <summary>Ends a filing on <paramref name="lastDay"/> (still covered); one that has not begun never will.</summary>
    public static Result<CrossRegionFiling> End(CrossRegionFiling filing, DateOnly lastDay)
    {
        ArgumentNullException.ThrowIfNull(filing);
        if (filing.To is { } to && to < lastDay)
        {
            return FilingErrors.Ended.With($"the filing for {filing.ToArea} ended on {to:yyyy-MM-dd}");
        }

        return filing with { To = lastDay < filing.From ? filing.From.AddDays(-1) : lastDay };
    }

    private static bool SamePlace(CrossRegionFiling a, CrossRegionFiling b) =>
        a.ToArea == b.ToArea || a.ToArea == Areas.ProvinceOf(b.ToArea) || b.ToArea == Areas.ProvinceOf(a.ToArea);

    private static bool Overlap(CrossRegionFiling a, CrossRegionFiling b) =>
        a.From <= (b.To ?? DateOnly.MaxValue) && b.From <= (a.To ?? DateOnly.MaxValue) && (a.To is null || a.To >= a.From);
}
