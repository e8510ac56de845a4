using System.Globalization;

namespace Yibao.Domain.Clearing;

/// <summary>A month of clearing (<c>yyyy-MM</c>): its settlements are those of its days, by the agency's calendar.</summary>
public readonly record struct ClearingMonth(int Year, int Month)
{
    public DateOnly First => new(Year, Month, 1);

    public DateOnly Last => First.AddMonths(1).AddDays(-1);

    public ClearingMonth Previous => Of(First.AddMonths(-1));

    public static ClearingMonth Of(DateOnly day) => new(day.Year, day.Month);

    public static Result<ClearingMonth> Parse(string? text) =>
        text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? Of(first)
            : ClearingErrors.Invalid.With($"'{text}' is not a month: write yyyy-MM");

    /// <summary>A month named by its year and number (3260, 3261: <c>trt_year</c>, <c>trt_month</c>).</summary>
    public static Result<ClearingMonth> From(int year, int month) =>
        month is >= 1 and <= 12 && year is >= 2000 and <= 9999
            ? new ClearingMonth(year, month)
            : ClearingErrors.Invalid.With(string.Create(CultureInfo.InvariantCulture, $"{year}-{month} is not a month: the year is 2000 to 9999, the month 1 to 12"));

    /// <summary>Whether the month may be cleared on <paramref name="today"/>: only once it has ended.</summary>
    public DomainError? ClearableOn(DateOnly today) =>
        today > Last ? null : ClearingErrors.MonthOpen.With($"{this} has not ended: it is cleared from {Last.AddDays(1):yyyy-MM-dd}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
