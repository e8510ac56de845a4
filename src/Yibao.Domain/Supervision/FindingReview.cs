namespace Yibao.Domain.Supervision;

/// <summary>Where an after-event finding is in its review (<c>spec/supervision.md</c>, "After the event").</summary>
public enum ReviewStep
{
    /// <summary>Waits for a reviewer's first look: confirm it as a suspected violation, or dismiss it.</summary>
    FirstReview,

    /// <summary>Confirmed once; waits for a second reviewer, never the first (four eyes).</summary>
    SecondReview,

    /// <summary>Confirmed twice; the institution may appeal, or accept, until its time limit.</summary>
    Appeal,

    /// <summary>Appealed or accepted (or the appeal time ran out): waits for the agency's decision.</summary>
    Decision,

    /// <summary>Decided, or dismissed by a reviewer: nothing more happens to it.</summary>
    Closed,
}

/// <summary>What a reviewer, the institution or the agency does to a finding.</summary>
public enum ReviewAction
{
    /// <summary>A reviewer holds the finding to be a suspected violation.</summary>
    Confirm,

    /// <summary>A reviewer holds it to be no violation: it closes.</summary>
    Dismiss,

    /// <summary>The institution disputes it, with its reasons.</summary>
    Appeal,

    /// <summary>The institution accepts it without appeal.</summary>
    Accept,

    /// <summary>The agency decides.</summary>
    Decide,
}

/// <summary>The agency's decision on a finding.</summary>
public enum ReviewDecision
{
    NoViolation,

    /// <summary>Claw back an amount (at most the finding's <c>vola_amt</c>) from the institution at the next clearing.</summary>
    Deduction,

    /// <summary>Suspend the institution's agreement, and claw back an amount as a deduction does.</summary>
    Suspension,
}

/// <summary>How many calendar days each step may take, counted from the day the step began.</summary>
public sealed record ReviewTimeLimits(int FirstReviewDays, int SecondReviewDays, int AppealDays, int DecisionDays)
{
    /// <summary>Ten days a review, five the second, ten for the institution to answer, ten to decide.</summary>
    public static ReviewTimeLimits Default { get; } = new(10, 5, 10, 10);

    public int DaysOf(ReviewStep step) => step switch
    {
        ReviewStep.FirstReview => FirstReviewDays,
        ReviewStep.SecondReview => SecondReviewDays,
        ReviewStep.Appeal => AppealDays,
        ReviewStep.Decision => DecisionDays,
        _ => 0,
    };
}

/// <summary>
/// A finding's review: its step, the last day of that step's time limit, who confirmed it first,
/// and once closed the outcome and the amount clawed back.
/// </summary>
public sealed record ReviewState(ReviewStep Step, DateOnly Due, string? FirstReviewer = null, ReviewDecision? Outcome = null, decimal Deducted = 0m)
{
    /// <summary>Past its time limit on <paramref name="today"/>, and still open.</summary>
    public bool IsOverdue(DateOnly today) => Step != ReviewStep.Closed && today > Due;
}

/// <summary>One move in a review: who does what, on which day; a decision with its amount (null: the finding's whole <c>vola_amt</c>).</summary>
public sealed record ReviewMove(ReviewAction Action, string Actor, DateOnly Today, ReviewDecision? Decision = null, decimal? Amount = null);

/// <summary>
/// The review workflow as a pure function: first review → second review (another reviewer) → the
/// institution's appeal → the agency's decision. A reviewer's or the agency's time limit passing
/// marks the finding overdue (the queue shows it first) and does not stop the work; the
/// institution's does: it can no longer appeal, and the agency may decide without its answer.
/// </summary>
public static class FindingReview
{
    public static ReviewState Open(DateOnly raised, ReviewTimeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new ReviewState(ReviewStep.FirstReview, raised.AddDays(limits.FirstReviewDays));
    }

    /// <param name="volaAmt">The finding's amount at stake: a deduction claws back at most this.</param>
    public static Result<ReviewState> Next(string jrId, ReviewState state, ReviewMove move, decimal volaAmt, ReviewTimeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(limits);
        ReviewState Step(ReviewStep step) => state with { Step = step, Due = move.Today.AddDays(limits.DaysOf(step)) };
        return (state.Step, move.Action) switch
        {
            (ReviewStep.FirstReview, ReviewAction.Confirm) => Step(ReviewStep.SecondReview) with { FirstReviewer = move.Actor },
            (ReviewStep.FirstReview, ReviewAction.Dismiss) => Close(state, ReviewDecision.NoViolation, 0m),
            (ReviewStep.SecondReview, ReviewAction.Confirm or ReviewAction.Dismiss) when string.Equals(move.Actor, state.FirstReviewer, StringComparison.OrdinalIgnoreCase) =>
                SupervisionErrors.SameReviewer.With($"finding {jrId} was confirmed by {move.Actor}: the second review is another reviewer's"),
            (ReviewStep.SecondReview, ReviewAction.Confirm) => Step(ReviewStep.Appeal),
            (ReviewStep.SecondReview, ReviewAction.Dismiss) => Close(state, ReviewDecision.NoViolation, 0m),
            (ReviewStep.Appeal, ReviewAction.Appeal or ReviewAction.Accept) when move.Today > state.Due =>
                SupervisionErrors.AppealClosed.With($"the time to answer finding {jrId} ended on {state.Due:yyyy-MM-dd}"),
            (ReviewStep.Appeal, ReviewAction.Appeal or ReviewAction.Accept) => Step(ReviewStep.Decision),
            (ReviewStep.Appeal, ReviewAction.Decide) when move.Today <= state.Due =>
                SupervisionErrors.AppealOpen.With($"the institution may answer finding {jrId} until {state.Due:yyyy-MM-dd}: decide after its answer or then"),
            (ReviewStep.Appeal or ReviewStep.Decision, ReviewAction.Decide) => Decide(jrId, state, move, volaAmt),
            (ReviewStep.Closed, _) => SupervisionErrors.ReviewClosed.With($"finding {jrId} is closed ({ToName(state.Outcome ?? ReviewDecision.NoViolation)})"),
            _ => SupervisionErrors.WrongStep.With($"finding {jrId} is at {ToName(state.Step)}: it cannot {ToName(move.Action)}"),
        };
    }

    private static Result<ReviewState> Decide(string jrId, ReviewState state, ReviewMove move, decimal volaAmt)
    {
        var decision = move.Decision ?? throw new ArgumentException("a decision names its outcome", nameof(move));
        if (decision == ReviewDecision.NoViolation)
        {
            return move.Amount is null or 0m
                ? Close(state, decision, 0m)
                : SupervisionErrors.InvalidAmount.With($"finding {jrId}: no violation claws nothing back");
        }

        var amount = move.Amount ?? volaAmt;
        return amount > 0m && amount <= volaAmt && decimal.Round(amount, 2) == amount
            ? Close(state, decision, amount)
            : SupervisionErrors.InvalidAmount.With($"finding {jrId}: the amount clawed back is more than 0 and at most its vola_amt {volaAmt:0.00}, in cents");
    }

    private static ReviewState Close(ReviewState state, ReviewDecision outcome, decimal deducted) =>
        state with { Step = ReviewStep.Closed, Outcome = outcome, Deducted = deducted };

    public static string ToName(ReviewStep step) => step switch
    {
        ReviewStep.FirstReview => "first_review",
        ReviewStep.SecondReview => "second_review",
        ReviewStep.Appeal => "appeal",
        ReviewStep.Decision => "decision",
        _ => "closed",
    };

    public static string ToName(ReviewAction action) => action switch
    {
        ReviewAction.Confirm => "confirm",
        ReviewAction.Dismiss => "dismiss",
        ReviewAction.Appeal => "appeal",
        ReviewAction.Accept => "accept",
        _ => "decide",
    };

    public static string ToName(ReviewDecision decision) => decision switch
    {
        ReviewDecision.NoViolation => "no_violation",
        ReviewDecision.Deduction => "deduction",
        _ => "suspension",
    };

    public static ReviewStep? StepOf(string? name) => Parse<ReviewStep>(name, ToName);

    public static ReviewAction? ActionOf(string? name) => Parse<ReviewAction>(name, ToName);

    public static ReviewDecision? DecisionOf(string? name) => Parse<ReviewDecision>(name, ToName);

    private static T? Parse<T>(string? name, Func<T, string> toName)
        where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => toName(v) == name).Select(v => (T?)v).FirstOrDefault();
}
