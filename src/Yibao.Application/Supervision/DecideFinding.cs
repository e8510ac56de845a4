using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Application.Designation;
using Yibao.Domain;
using Yibao.Domain.Designation;
using Yibao.Domain.Supervision;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>
/// The agency's decision on a finding: <c>no_violation</c>, <c>deduction</c> or <c>suspension</c>;
/// the amount to claw back (null: the finding's whole <c>vola_amt</c>), and the opinion.
/// </summary>
public sealed record DecideFinding(string JrId, string Decision, decimal? Amount, string? Opinion, string Actor);

/// <summary>
/// Closes the finding with the decision, once the institution answered or its time ran out. A
/// deduction or suspension records the amount for the institution's next clearing; a suspension
/// also suspends its agreement, through designation (its internet hospitals follow). All staged,
/// for the door's one unit of work.
/// </summary>
public sealed class DecideFindingHandler(YibaoDbContext db, AgencyCalendar calendar, IOptions<YibaoOptions> options, SetAgreementStatusHandler designation)
{
    public async Task<Result<ReviewState>> HandleAsync(DecideFinding command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (FindingReview.DecisionOf(command.Decision) is not { } decision)
        {
            return SupervisionErrors.InvalidReview.With("the decision is no_violation, deduction or suspension");
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

        if (decision != ReviewDecision.NoViolation && finding.FixmedinsCode is null)
        {
            return SupervisionErrors.InvalidReview.With($"finding {command.JrId} names no institution to claw back from or suspend");
        }

        var today = calendar.Today;
        var opinion = command.Opinion!.Trim();
        var decided = FindingReviews.Apply(db, finding, new ReviewMove(ReviewAction.Decide, command.Actor, today, decision, command.Amount), opinion, options.Value.Supervision.TimeLimits, calendar.Clock.GetUtcNow());
        if (!decided.IsSuccess || decision == ReviewDecision.NoViolation)
        {
            return decided;
        }

        db.Deductions.Add(new DeductionRow { FixmedinsCode = finding.FixmedinsCode!, JrId = finding.JrId, Amount = decided.Value.Deducted, DecidedOn = today, DecidedBy = command.Actor });
        if (decision == ReviewDecision.Suspension)
        {
            var suspended = await designation.HandleAsync(new SetAgreementStatus(finding.FixmedinsCode!, AgreementStatus.Suspended, $"supervision finding {finding.JrId} ({finding.RuleId}): {opinion}", command.Actor), ct);
            if (!suspended.IsSuccess)
            {
                return suspended.Error;
            }
        }

        return decided;
    }
}
