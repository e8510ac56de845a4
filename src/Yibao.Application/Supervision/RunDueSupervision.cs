using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Application.Supervision;

/// <summary>The scheduled job's look: whether the month before is due to be judged, and if so its run.</summary>
public sealed record RunDueSupervision;

/// <summary>
/// From <see cref="SupervisionOptions.MonthlyRunDay"/> of each month, the month before is judged
/// once with all its rules, unless a full run of it started on or after that day already finished
/// (from the CLI, or another server). The run is idempotent anyway: a second one raises nothing new.
/// Null when nothing is due.
/// </summary>
public sealed class RunDueSupervisionHandler(YibaoDbContext db, AgencyCalendar calendar, IOptions<YibaoOptions> options, RunSupervisionHandler run)
{
    public const string Actor = "scheduler";

    public async Task<Result<SupervisionRunReport?>> HandleAsync(RunDueSupervision command, CancellationToken ct)
    {
        var day = options.Value.Supervision.MonthlyRunDay;
        var today = calendar.Today;
        var dueFrom = new DateOnly(today.Year, today.Month, Math.Clamp(day, 1, DateTime.DaysInMonth(today.Year, today.Month)));
        if (day <= 0 || today < dueFrom)
        {
            return (SupervisionRunReport?)null;
        }

        var period = dueFrom.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        // Few runs a month: their times are compared here (SQLite cannot compare instants).
        var runs = await db.SupervisionRuns.AsNoTracking().Where(r => r.Period == period && r.Rules == "" && r.FinishedAt != null).Select(r => r.StartedAt).ToListAsync(ct);
        if (runs.Any(started => calendar.DateOf(started) >= dueFrom))
        {
            return (SupervisionRunReport?)null;
        }

        var report = await run.HandleAsync(new RunSupervision(period, [], Actor), null, ct);
        return report.IsSuccess ? report.Value : report.Error;
    }
}
