using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Supervision;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>
/// The review queue: after-event findings by step of review, rule, institution and period, or only
/// those past their time limit. <paramref name="Institution"/> set: that institution's own, and
/// only those put to it (the institution's door sets it, whatever it asked).
/// </summary>
public sealed record ListFindings(string? Step = null, string? RuleId = null, string? FixmedinsCode = null, string? Period = null, bool OverdueOnly = false, string? Institution = null, int Page = 1, int PageSize = 50);

/// <summary>A finding in the queue: overdue ones first, then by the end of their time limit.</summary>
public sealed record FindingSummary(
    string JrId, string RuleId, string RuleName, int Severity, string? FixmedinsCode, string? PsnNo, string? MdtrtId, string? Subject,
    string Content, decimal Amount, string? Period, string Step, DateOnly? Due, bool Overdue, string? Outcome, decimal Deducted);

/// <summary>A page of the queue with the whole selection's counts: by rule, by institution, by step, and how many are overdue (the console's charts).</summary>
public sealed record FindingPage(
    int Total, int Overdue, decimal AmountAtStake, IReadOnlyList<FindingSummary> Items,
    IReadOnlyDictionary<string, int> ByRule, IReadOnlyDictionary<string, int> ByInstitution, IReadOnlyDictionary<string, int> ByStep);

public sealed class ListFindingsHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<FindingPage>> HandleAsync(ListFindings command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!string.IsNullOrEmpty(command.Step) && FindingReview.StepOf(command.Step) is null)
        {
            return SupervisionErrors.InvalidReview.With("step is first_review, second_review, appeal, decision or closed");
        }

        var today = calendar.Today;
        var query = db.SupervisionFindings.AsNoTracking().Where(f => f.ReviewStep != null);
        query = Filter(query, command.Step, f => f.ReviewStep == command.Step);
        query = Filter(query, command.RuleId, f => f.RuleId == command.RuleId);
        query = Filter(query, command.FixmedinsCode, f => f.FixmedinsCode == command.FixmedinsCode);
        query = Filter(query, command.Period, f => f.Period == command.Period);
        query = Filter(query, command.Institution, f => f.FixmedinsCode == command.Institution && f.NotifiedOn != null);
        var closed = FindingReview.ToName(ReviewStep.Closed);
        if (command.OverdueOnly)
        {
            query = query.Where(f => f.ReviewStep != closed && f.ReviewDue < today);
        }

        var byStep = await Count(query.GroupBy(f => f.ReviewStep!), ct);
        var byRule = await Count(query.GroupBy(f => f.RuleId), ct);
        var byInstitution = await Count(query.GroupBy(f => f.FixmedinsCode ?? ""), ct);
        var overdue = await query.CountAsync(f => f.ReviewStep != closed && f.ReviewDue < today, ct);
        // PostgreSQL sums in the query; SQLite would sum decimals as doubles, so its amounts are summed here, to the cent.
        var open = query.Where(f => f.ReviewStep != closed);
        var atStake = db.IsPostgres() ? await open.SumAsync(f => f.Amount, ct) : (await open.Select(f => f.Amount).ToListAsync(ct)).Sum();
        var size = Math.Clamp(command.PageSize, 1, 200);
        var rows = await query
            .OrderBy(f => f.ReviewStep == closed).ThenBy(f => f.ReviewDue).ThenBy(f => f.Id)
            .Skip((Math.Max(1, command.Page) - 1) * size).Take(size)
            .ToListAsync(ct);
        return new FindingPage(byStep.Values.Sum(), overdue, atStake, [.. rows.Select(f => Summary(f, today))], byRule, byInstitution, byStep);
    }

    public static FindingSummary Summary(SupervisionFindingRow f, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(f);
        var open = f.ReviewStep != FindingReview.ToName(ReviewStep.Closed);
        return new FindingSummary(
            f.JrId, f.RuleId, f.RuleName, f.Severity, f.FixmedinsCode, f.PsnNo, f.MdtrtId, f.Subject, f.Content, f.Amount, f.Period,
            f.ReviewStep ?? "", f.ReviewDue, open && today > f.ReviewDue, f.Outcome, f.Deducted);
    }

    private static IQueryable<SupervisionFindingRow> Filter(IQueryable<SupervisionFindingRow> query, string? value, System.Linq.Expressions.Expression<Func<SupervisionFindingRow, bool>> predicate) =>
        string.IsNullOrWhiteSpace(value) ? query : query.Where(predicate);

    private static Task<Dictionary<string, int>> Count(IQueryable<IGrouping<string, SupervisionFindingRow>> groups, CancellationToken ct) =>
        groups.Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
}
