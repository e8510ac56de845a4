namespace Yibao.Domain.Clearing;

/// <summary>The refusals of inter-area clearing.</summary>
public static class ClearingErrors
{
    /// <summary>A malformed month, area or amount.</summary>
    public static readonly ErrorCode Invalid = new("clearing_invalid", ErrorKind.Invalid);

    /// <summary>The month has not ended: it is cleared once all its settlements are in.</summary>
    public static readonly ErrorCode MonthOpen = new("clearing_month_open", ErrorKind.Refused);

    /// <summary>The month was never run, or the area has no statement in it.</summary>
    public static readonly ErrorCode NotFound = new("clearing_not_found", ErrorKind.NotFound);

    /// <summary>An area has confirmed the month's statement: it is no longer computed again; a correction goes into the next month.</summary>
    public static readonly ErrorCode Confirmed = new("clearing_confirmed", ErrorKind.Conflict);

    /// <summary>The area has confirmed its statement already, or the month is closed.</summary>
    public static readonly ErrorCode AlreadyConfirmed = new("clearing_already_confirmed", ErrorKind.Conflict);

    /// <summary>An institution's stated totals for its split detail (3261) differ from the platform's.</summary>
    public static readonly ErrorCode Disagrees = new("clearing_disagrees", ErrorKind.Refused);
}
