using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>The <c>Yibao:Supervision</c> settings: the review's time limits and the monthly after-event run.</summary>
public sealed class SupervisionOptions
{
    public int FirstReviewDays { get; set; } = ReviewTimeLimits.Default.FirstReviewDays;
    public int SecondReviewDays { get; set; } = ReviewTimeLimits.Default.SecondReviewDays;
    public int AppealDays { get; set; } = ReviewTimeLimits.Default.AppealDays;
    public int DecisionDays { get; set; } = ReviewTimeLimits.Default.DecisionDays;

    /// <summary>
    /// The day of the month (agency calendar) from which the scheduled job judges the month before
    /// it; the days before leave time for late settlements. 0: no scheduled job.
    /// </summary>
    public int MonthlyRunDay { get; set; } = 5;

    /// <summary>How often the scheduled job looks whether the month before is due.</summary>
    public int ScheduleCheckSeconds { get; set; } = 3600;

    /// <summary>How many findings the after-event run writes at once, beside the reading (one COPY on PostgreSQL).</summary>
    public int FindingsPerWrite { get; set; } = 1000;

    public ReviewTimeLimits TimeLimits => new(FirstReviewDays, SecondReviewDays, AppealDays, DecisionDays);
}
