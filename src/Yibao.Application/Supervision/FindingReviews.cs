using Yibao.Domain;
using Yibao.Domain.Supervision;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>
/// A move in a finding's review, applied to its row through <see cref="FindingReview.Next"/>: the
/// new step and time limit, a history row (the step it was made at, whether late), and the version
/// bumped so that of two moves at once one wins. Staged, for the door's unit of work.
/// </summary>
internal static class FindingReviews
{
    public static Result<ReviewState> Apply(YibaoDbContext db, SupervisionFindingRow finding, ReviewMove move, string opinion, ReviewTimeLimits limits, DateTimeOffset at)
    {
        if (FindingReview.StepOf(finding.ReviewStep) is not { } step || finding.ReviewDue is not { } due)
        {
            return SupervisionErrors.WrongStep.With($"finding {finding.JrId} was found {finding.Stage} the event: the doctor answers it (3103), no one reviews it");
        }

        var before = new ReviewState(step, due, finding.FirstReviewer, FindingReview.DecisionOf(finding.Outcome), finding.Deducted);
        var next = FindingReview.Next(finding.JrId, before, move, finding.Amount, limits);
        if (!next.IsSuccess)
        {
            return next;
        }

        var state = next.Value;
        finding.ReviewStep = FindingReview.ToName(state.Step);
        finding.ReviewDue = state.Due;
        finding.FirstReviewer = state.FirstReviewer;
        finding.Outcome = state.Outcome is { } outcome ? FindingReview.ToName(outcome) : null;
        finding.Deducted = state.Deducted;
        finding.Version++;
        if (state.Step == ReviewStep.Appeal)
        {
            finding.NotifiedOn = move.Today;
        }

        db.SupervisionReviews.Add(new SupervisionReviewRow
        {
            FindingId = finding.Id,
            JrId = finding.JrId,
            Step = FindingReview.ToName(step),
            Action = FindingReview.ToName(move.Action),
            Actor = move.Actor,
            Opinion = opinion,
            Decision = move.Action == ReviewAction.Decide ? finding.Outcome : null,
            Amount = move.Action == ReviewAction.Decide ? state.Deducted : null,
            At = at,
            Due = due,
            Late = move.Today > due,
        });
        return next;
    }

    /// <summary>An opinion, reason or appeal: required, and at most what the history keeps.</summary>
    public static DomainError? CheckOpinion(string jrId, string? opinion) =>
        string.IsNullOrWhiteSpace(opinion) ? SupervisionErrors.InvalidReview.With($"finding {jrId}: give the opinion or reason")
        : opinion.Length > 2000 ? SupervisionErrors.InvalidReview.With($"finding {jrId}: the opinion is at most 2000 characters")
        : null;
}
