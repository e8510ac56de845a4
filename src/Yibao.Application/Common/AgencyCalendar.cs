namespace Yibao.Application;

/// <summary>
/// The agency's calendar: visit dates, policy years and daily totals are days in the agency's zone
/// (China Standard Time, UTC+8, no daylight saving), whatever zone the server runs in.
/// </summary>
public sealed class AgencyCalendar(TimeProvider clock, TimeSpan utcOffset)
{
    public TimeProvider Clock => clock;

    public DateTimeOffset Now => clock.GetUtcNow().ToOffset(utcOffset);

    /// <summary>The agency's offset from UTC: local times in national documents are in it.</summary>
    public TimeSpan UtcOffset => utcOffset;

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(utcOffset).DateTime);

    public DateOnly Today => DateOf(clock.GetUtcNow());
}
