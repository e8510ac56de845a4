using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Domain;
using Yibao.Domain.Supervision;
using Yibao.Storage;

namespace Yibao.Application.Supervision;

/// <summary>The institution's answer to a finding put to it: <c>appeal</c> with its reasons, or <c>accept</c>.</summary>
public sealed record AnswerFinding(string JrId, string FixmedinsCode, string Action, string? Reason);

/// <summary>
/// Records the institution's answer within its time limit. Only its own findings, and only once
/// put to it (confirmed twice): any other is not found. Staged, for the door's unit of work.
/// </summary>
public sealed class AnswerFindingHandler(YibaoDbContext db, AgencyCalendar calendar, IOptions<YibaoOptions> options)
{
    public async Task<Result<ReviewState>> HandleAsync(AnswerFinding command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        // Another's finding is not found, whatever the request: nothing is told about it.
        var finding = await db.SupervisionFindings.FirstOrDefaultAsync(f => f.JrId == command.JrId && f.FixmedinsCode == command.FixmedinsCode && f.NotifiedOn != null, ct);
        if (finding is null)
        {
            return SupervisionErrors.FindingNotFound.With($"there is no finding {command.JrId} put to {command.FixmedinsCode}");
        }

        if (FindingReview.ActionOf(command.Action) is not ({ } action and (ReviewAction.Appeal or ReviewAction.Accept)))
        {
            return SupervisionErrors.InvalidReview.With("an answer is appeal or accept");
        }

        var reason = action == ReviewAction.Accept && string.IsNullOrWhiteSpace(command.Reason) ? "accepted" : command.Reason;
        if (FindingReviews.CheckOpinion(command.JrId, reason) is { } invalid)
        {
            return invalid;
        }

        var move = new ReviewMove(action, command.FixmedinsCode, calendar.Today);
        return FindingReviews.Apply(db, finding, move, reason!.Trim(), options.Value.Supervision.TimeLimits, calendar.Clock.GetUtcNow());
    }
}
