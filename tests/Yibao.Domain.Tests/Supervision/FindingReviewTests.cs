using CsCheck;
using Yibao.Domain.Supervision;

namespace Yibao.Domain.Tests.Supervision;

public sealed class FindingReviewTests
{
    private const string Jr = "JR1";
    private const decimal VolaAmt = 120.50m;
    private static readonly DateOnly Raised = new(2026, 12, 5);
    private static readonly ReviewTimeLimits Limits = ReviewTimeLimits.Default;

    private static ReviewState Step(ReviewState state, ReviewMove move) =>
        FindingReview.Next(Jr, state, move, VolaAmt, Limits) is { IsSuccess: true } next ? next.Value : throw new Xunit.Sdk.XunitException($"{move.Action} refused: {FindingReview.Next(Jr, state, move, VolaAmt, Limits).Error}");

    private static string Refusal(ReviewState state, ReviewMove move) =>
        FindingReview.Next(Jr, state, move, VolaAmt, Limits) is { IsSuccess: false } refused ? refused.Error.Code : throw new Xunit.Sdk.XunitException($"{move.Action} accepted");

    private static ReviewState PutToInstitution()
    {
        var state = Step(FindingReview.Open(Raised, Limits), new ReviewMove(ReviewAction.Confirm, "staff:a", Raised.AddDays(1)));
        return Step(state, new ReviewMove(ReviewAction.Confirm, "staff:b", Raised.AddDays(2)));
    }

    [Fact]
    public void Next_TheWholeReview_TwoReviewersTheAppealAndADeduction()
    {
        var opened = FindingReview.Open(Raised, Limits);
        var appeal = PutToInstitution();
        var decision = Step(appeal, new ReviewMove(ReviewAction.Appeal, "H1", Raised.AddDays(4)));
        var closed = Step(decision, new ReviewMove(ReviewAction.Decide, "staff:c", Raised.AddDays(6), ReviewDecision.Deduction, 100m));

        Assert.Equal((ReviewStep.FirstReview, Raised.AddDays(10)), (opened.Step, opened.Due));
        Assert.Equal((ReviewStep.Appeal, Raised.AddDays(2 + 10), "staff:a"), (appeal.Step, appeal.Due, appeal.FirstReviewer));
        Assert.Equal((ReviewStep.Decision, Raised.AddDays(4 + 10)), (decision.Step, decision.Due));
        Assert.Equal((ReviewStep.Closed, ReviewDecision.Deduction, 100m), (closed.Step, closed.Outcome, closed.Deducted));
        Assert.Equal("review_closed", Refusal(closed, new ReviewMove(ReviewAction.Confirm, "staff:d", Raised.AddDays(7))));
    }

    [Fact]
    public void Next_TheSameReviewerTwice_IsRefused()
    {
        var first = Step(FindingReview.Open(Raised, Limits), new ReviewMove(ReviewAction.Confirm, "staff:a", Raised));

        Assert.Equal("review_same_reviewer", Refusal(first, new ReviewMove(ReviewAction.Confirm, "STAFF:A", Raised)));
        Assert.Equal("review_same_reviewer", Refusal(first, new ReviewMove(ReviewAction.Dismiss, "staff:a", Raised)));
        Assert.Equal(ReviewStep.Closed, Step(first, new ReviewMove(ReviewAction.Dismiss, "staff:b", Raised)).Step);
    }

    [Fact]
    public void Next_AMoveOutOfItsStep_IsRefused()
    {
        var opened = FindingReview.Open(Raised, Limits);

        Assert.Equal("review_wrong_step", Refusal(opened, new ReviewMove(ReviewAction.Appeal, "H1", Raised)));
        Assert.Equal("review_wrong_step", Refusal(opened, new ReviewMove(ReviewAction.Decide, "staff:c", Raised, ReviewDecision.NoViolation)));
        Assert.Equal("review_wrong_step", Refusal(PutToInstitution(), new ReviewMove(ReviewAction.Confirm, "staff:c", Raised.AddDays(3))));
    }

    [Fact]
    public void Next_TheInstitutionsTimeLimit_EndsItsAppealAndOpensTheDecision()
    {
        var appeal = PutToInstitution();
        var lastDay = appeal.Due;

        Assert.Equal(ReviewStep.Decision, Step(appeal, new ReviewMove(ReviewAction.Accept, "H1", lastDay)).Step);
        Assert.Equal("review_appeal_closed", Refusal(appeal, new ReviewMove(ReviewAction.Appeal, "H1", lastDay.AddDays(1))));
        Assert.Equal("review_appeal_open", Refusal(appeal, new ReviewMove(ReviewAction.Decide, "staff:c", lastDay, ReviewDecision.Deduction)));
        var decided = Step(appeal, new ReviewMove(ReviewAction.Decide, "staff:c", lastDay.AddDays(1), ReviewDecision.Deduction));
        Assert.Equal((ReviewStep.Closed, VolaAmt), (decided.Step, decided.Deducted));
    }

    [Fact]
    public void Next_AReviewersTimeLimit_MarksItOverdueAndDoesNotStopTheWork()
    {
        var opened = FindingReview.Open(Raised, Limits);
        var late = opened.Due.AddDays(3);

        Assert.False(opened.IsOverdue(opened.Due));
        Assert.True(opened.IsOverdue(late));
        Assert.Equal(ReviewStep.SecondReview, Step(opened, new ReviewMove(ReviewAction.Confirm, "staff:a", late)).Step);
    }

    [Theory]
    [InlineData(ReviewDecision.Deduction, "0")]
    [InlineData(ReviewDecision.Deduction, "120.51")]
    [InlineData(ReviewDecision.Suspension, "-1")]
    [InlineData(ReviewDecision.Deduction, "10.005")]
    [InlineData(ReviewDecision.NoViolation, "5")]
    public void Next_AnAmountOutsideTheFindings_IsRefused(ReviewDecision decision, string amount)
    {
        var decision2 = Step(PutToInstitution(), new ReviewMove(ReviewAction.Accept, "H1", Raised.AddDays(3)));

        Assert.Equal("review_amount_invalid", Refusal(decision2, new ReviewMove(ReviewAction.Decide, "staff:c", Raised.AddDays(4), decision, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Next_AnySequenceOfMoves_NeverClawsBackMoreThanTheAmountNorSkipsASecondReviewer()
    {
        var moves = Gen.Select(Gen.Enum<ReviewAction>(), Gen.OneOf(Gen.Const("staff:a"), Gen.Const("staff:b"), Gen.Const("H1")), Gen.Int[0, 30], Gen.Enum<ReviewDecision>(), Gen.Decimal[0m, 200m])
            .Select((action, actor, day, decision, amount) => new ReviewMove(action, actor, Raised.AddDays(day), decision, decimal.Round(amount, 2)))
            .Array[1, 12];

        moves.Sample(sequence =>
        {
            var state = FindingReview.Open(Raised, Limits);
            var reviewers = new List<string>();
            foreach (var move in sequence)
            {
                var next = FindingReview.Next(Jr, state, move, VolaAmt, Limits);
                if (!next.IsSuccess)
                {
                    continue;
                }

                if (move.Action is ReviewAction.Confirm)
                {
                    reviewers.Add(move.Actor);
                }

                state = next.Value;
                Assert.InRange(state.Deducted, 0m, VolaAmt);
                if (state.Step is ReviewStep.Appeal or ReviewStep.Decision || state.Outcome is ReviewDecision.Deduction or ReviewDecision.Suspension)
                {
                    Assert.Equal(2, reviewers.Distinct(StringComparer.OrdinalIgnoreCase).Count());
                }
            }
        });
    }
}
