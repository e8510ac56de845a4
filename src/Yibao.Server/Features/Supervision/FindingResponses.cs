using Yibao.Application.Supervision;
using Yibao.Domain.Supervision;

namespace Yibao.Server.Features.Supervision;

/// <param name="Action">confirm or dismiss.</param>
public sealed record ReviewRequest(string? Action, string? Opinion);

/// <param name="Decision">no_violation, deduction or suspension.</param>
/// <param name="Amount">To claw back; absent: the finding's whole amount.</param>
public sealed record DecisionRequest(string? Decision, decimal? Amount, string? Opinion);

/// <param name="Action">appeal or accept.</param>
public sealed record AnswerRequest(string? Action, string? Reason);

/// <summary>A finding's review after a move: its step, the end of that step's time limit, and once closed the outcome and amount clawed back.</summary>
public sealed record ReviewResponse(string JrId, string Step, DateOnly Due, string? Outcome, decimal Deducted);

public sealed record RuleResponse(string Id, string Name, string Family, string Explanation, bool Blocking, IReadOnlyDictionary<string, string> DefaultParameters);

public sealed record ReviewStepResponse(string Step, string Action, string Actor, string Opinion, string? Decision, decimal? Amount, DateTimeOffset At, DateOnly Due, bool Late);

public sealed record DeductionResponse(decimal Amount, DateOnly DecidedOn, string DecidedBy, string? ClearedIn);

/// <summary>A finding, explained: the rule, the parameters in force, the evidence lines, the amount at stake, and its review.</summary>
public sealed record FindingResponse(
    FindingSummary Finding, string Stage, DateTimeOffset FoundAt, RuleResponse? Rule, IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> EvidenceSns, IReadOnlyList<EvidenceLine> Evidence, IReadOnlyList<ReviewStepResponse> History, DeductionResponse? Deduction, string? InstitutionName);

internal static class FindingResponses
{
    public static ReviewResponse Review(string jrId, ReviewState state) =>
        new(jrId, FindingReview.ToName(state.Step), state.Due, state.Outcome is { } o ? FindingReview.ToName(o) : null, state.Deducted);

    public static FindingResponse Of(FindingDetail d) => new(
        d.Finding, d.Stage, d.FoundAt,
        d.Rule is { } r ? new RuleResponse(r.Id, r.Name, r.Family.ToString().ToLowerInvariant(), r.Explanation, r.Blocking, r.Parameters) : null,
        d.Parameters, d.EvidenceSns, d.Evidence,
        [.. d.History.Select(h => new ReviewStepResponse(h.Step, h.Action, h.Actor, h.Opinion, h.Decision, h.Amount, h.At, h.Due, h.Late))],
        d.Deduction is { } x ? new DeductionResponse(x.Amount, x.DecidedOn, x.DecidedBy, x.ClearedIn) : null,
        d.InstitutionName);
}
