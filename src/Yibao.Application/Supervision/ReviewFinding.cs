using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Domain;
using Yibao.Domain.Supervision;
using Yibao.Storage;

namespace Yibao.Application.Supervision;

/// <summary>A reviewer's first or second review of an after-event finding: <c>confirm</c> (a suspected violation) or <c>dismiss</c> (none), with the opinion.</summary>
public sealed record ReviewFinding(string JrId, string Action, string? Opinion, string Reviewer);

/// <summary>Moves the finding through its first or second review; the second is another reviewer's. Staged, for the door's unit of work.</summary>
public sealed class ReviewFindingHandler(YibaoDbContext db, AgencyCalendar calendar, IOptions<YibaoOptions> options)
{
    public async Task<Result<ReviewState>> HandleAsync(ReviewFinding command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (FindingReview.ActionOf(command.Action) is not ({ } action and (ReviewAction.Confirm or ReviewAction.Dismiss)))
        {
            return SupervisionErrors.InvalidReview.With("a review is confirm or dismiss");
        }

        if (FindingReviews.CheckOpinion(command.JrId, command.Opinion) is { } invalid)
        {
            return invalid;
        }

        var finding = await db.SupervisionFindings.FirstOrDefaultAsync(f => f.JrId == command.JrId, ct);
        if (finding is null)
        {
            return SupervisionErrors.FindingNotFound.With($"there is no finding {command.JrId}");
        }

        var move = new ReviewMove(action, command.Reviewer, calendar.Today);
        return FindingReviews.Apply(db, finding, move, command.Opinion!.Trim(), options.Value.Supervision.TimeLimits, calendar.Clock.GetUtcNow());
    }
}
