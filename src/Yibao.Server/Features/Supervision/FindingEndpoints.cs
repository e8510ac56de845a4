using Microsoft.AspNetCore.Mvc;
using Yibao.Application;
using Yibao.Application.Staff;
using Yibao.Application.Supervision;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Supervision;

/// <summary>
/// The review of after-event findings: the agency's queue, reviews and decisions (audit desk), and
/// the institution's side: its findings put to it, and its appeal or acceptance.
/// </summary>
internal static class FindingEndpoints
{
    public static RouteGroupBuilder MapFindingReview(this RouteGroupBuilder admin)
    {
        admin.MapGet("/supervision/findings", async (string? step, string? rule, string? institution, string? period, bool? overdue, int? page, ListFindingsHandler list, CancellationToken ct) =>
                ApiError.Answer(await list.HandleAsync(new ListFindings(step, rule, institution, period, overdue ?? false, Page: page ?? 1), ct), p => p))
            .RequireStaff(StaffRoles.Audit).WithTags("Supervision").WithName("ListFindings")
            .WithSummary("The review queue: after-event findings by step, rule, institution and period (overdue first), with counts by rule, institution and step")
            .Produces<FindingPage>().ProducesProblem(400);
        admin.MapGet("/supervision/findings/{jrId}", async (string jrId, HttpContext http, GetFindingHandler get, CancellationToken ct) =>
                ApiError.Answer(await get.HandleAsync(new GetFinding(jrId, Viewer.Staff(StaffAccess.Actor(http), "api")), ct), FindingResponses.Of))
            .RequireStaff(StaffRoles.Audit).WithTags("Supervision").WithName("GetFinding")
            .WithSummary("A finding explained: the rule, the parameters in force, the evidence lines, the amount at stake, its review's history")
            .Produces<FindingResponse>().ProducesProblem(404);
        admin.MapPost("/supervision/findings/{jrId}/review", (string jrId, ReviewRequest? request, HttpContext http, IdempotentWrites writes, ReviewFindingHandler review) =>
                writes.RunAsync(http, request, async ct =>
                    Reply.From(await review.HandleAsync(new ReviewFinding(jrId, request?.Action ?? "", request?.Opinion, StaffAccess.Actor(http)), ct), s => FindingResponses.Review(jrId, s))))
            .RequireStaff(StaffRoles.Audit).WithTags("Supervision").WithName("ReviewFinding")
            .WithSummary("First or second review of a finding: confirm or dismiss, with the opinion; the second review is another reviewer's")
            .Produces<ReviewResponse>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        admin.MapPost("/supervision/findings/{jrId}/decision", (string jrId, DecisionRequest? request, HttpContext http, IdempotentWrites writes, DecideFindingHandler decide) =>
                writes.RunAsync(http, request, async ct =>
                    Reply.From(await decide.HandleAsync(new DecideFinding(jrId, request?.Decision ?? "", request?.Amount, request?.Opinion, StaffAccess.Actor(http)), ct), s => FindingResponses.Review(jrId, s))))
            .RequireStaff(StaffRoles.Audit).WithTags("Supervision").WithName("DecideFinding")
            .WithSummary("Decide a finding once the institution answered or its time ran out: no_violation, deduction (clawed back at the next clearing) or suspension of the agreement")
            .Produces<ReviewResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        return admin;
    }

    public static IEndpointRouteBuilder MapInstitutionFindings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/supervision/findings", async (int? page, CallingInstitution calling, ListFindingsHandler list, CancellationToken ct) =>
                ApiError.Answer(await list.HandleAsync(new ListFindings(Institution: calling.Code, Page: page ?? 1), ct), p => p))
            .RequireInstitution().WithTags("Supervision").WithName("ListInstitutionFindings")
            .WithSummary("The calling institution's findings put to it (confirmed by two reviewers), with the time to answer each")
            .Produces<FindingPage>();
        app.MapGet("/api/supervision/findings/{jrId}", async (string jrId, CallingInstitution calling, GetFindingHandler get, CancellationToken ct) =>
                ApiError.Answer(await get.HandleAsync(new GetFinding(jrId, Viewer.Institution(calling.Code, "api")), ct), FindingResponses.Of))
            .RequireInstitution().WithTags("Supervision").WithName("GetInstitutionFinding")
            .WithSummary("One of the calling institution's findings put to it, explained")
            .Produces<FindingResponse>().ProducesProblem(404);
        app.MapPost("/api/supervision/findings/{jrId}/answer", (string jrId, AnswerRequest? request, HttpContext http, CallingInstitution calling, IdempotentWrites writes, AnswerFindingHandler answer) =>
                writes.RunAsync(http, request, async ct =>
                    Reply.From(await answer.HandleAsync(new AnswerFinding(jrId, calling.Code, request?.Action ?? "", request?.Reason), ct), s => FindingResponses.Review(jrId, s))))
            .RequireInstitution().WithTags("Supervision").WithName("AnswerFinding")
            .WithSummary("The institution's answer to a finding put to it, within its time limit: appeal (with its reasons) or accept")
            .Produces<ReviewResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        return app;
    }
}
