using Yibao.Application.Supervision;
using Yibao.Application.Settlements;
using Yibao.Application.Settlements.Checks;
using Yibao.Application.Visits;
using Yibao.Server.Features.Settlements;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Visits;

internal static class VisitEndpoints
{
    public static IEndpointRouteBuilder MapVisitEndpoints(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/visits").WithTags("Visits").RequireInstitution();
        visits.MapPost("/", RegisterAsync)
            .WithName("RegisterVisit").WithSummary("Register an outpatient visit (2201)")
            .Produces<VisitResponse>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        visits.MapGet("/{mdtrtId}", GetAsync)
            .WithName("GetVisit").WithSummary("A visit and its fee lines")
            .Produces<VisitDetailResponse>().ProducesProblem(404);
        visits.MapPost("/{mdtrtId}/fees", UploadAsync)
            .WithName("UploadFees").WithSummary("Upload fee lines; returns each line's split (2204)")
            .Produces<UploadFeesResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        visits.MapDelete("/{mdtrtId}/fees", CancelFeesAsync)
            .WithName("CancelFees").WithSummary("Withdraw the visit's unsettled fee lines (2205)")
            .Produces<CancelFeesResponse>().ProducesProblem(404).ProducesProblem(409);
        visits.MapPost("/{mdtrtId}/pre-settlement", PreSettleAsync)
            .WithName("PreSettle").WithSummary("Compute the settlement without changing anything (2206)")
            .Produces<SettlementResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        visits.MapPost("/{mdtrtId}/settlement", SettleAsync)
            .WithName("Settle").WithSummary("Settle the visit in one transaction (2207)")
            .Produces<SettlementResponse>(201).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        return app;
    }

    private static async Task<IResult> RegisterAsync(RegisterVisitRequest? request, HttpContext http, CallingInstitution calling, IdempotentWrites writes, RegisterVisitHandler register, AgencyCalendar calendar)
    {
        var command = VisitRequests.ToCommand(request, calling.Code);
        return command.IsSuccess
            ? await writes.RunAsync(http, request, async ct => Reply.From(await register.HandleAsync(command.Value, ct), v => VisitResponses.From(v, calendar), 201))
            : command.Error.ToResult();
    }

    private static async Task<IResult> GetAsync(string mdtrtId, CallingInstitution calling, GetVisitHandler visits, AgencyCalendar calendar, CancellationToken ct)
    {
        var visit = await visits.HandleAsync(new GetVisit(mdtrtId, calling.Scope()), ct);
        return visit.IsSuccess
            ? Results.Ok(new VisitDetailResponse(VisitResponses.From(visit.Value, calendar), visit.Value.FeeLines.Select(l => VisitResponses.Split(l)).ToList()))
            : ApiError.From(visit.Error).ToResult();
    }

    private static async Task<IResult> UploadAsync(string mdtrtId, UploadFeesRequest? request, HttpContext http, CallingInstitution calling, IdempotentWrites writes, UploadFeesHandler upload)
    {
        var lines = VisitRequests.ToLines(request);
        return lines.IsSuccess
            ? await writes.RunAsync(http, request, async ct => Reply.From(await upload.HandleAsync(new UploadFees(mdtrtId, lines.Value, calling.Scope()), ct), uploaded => VisitResponses.Uploaded(mdtrtId, uploaded)))
            : lines.Error.ToResult();
    }

    private static Task<IResult> CancelFeesAsync(string mdtrtId, HttpContext http, CallingInstitution calling, IdempotentWrites writes, CancelFeesHandler cancel) =>
        writes.RunAsync(http, new { mdtrtId }, async ct => Reply.From(await cancel.HandleAsync(new CancelFees(mdtrtId, calling.Scope()), ct), count => new CancelFeesResponse(mdtrtId, count)));

    private static async Task<IResult> PreSettleAsync(string mdtrtId, SettleRequest? request, CallingInstitution calling, PreSettleVisitHandler preSettle, ClaimFindings findings, AgencyCalendar calendar, CancellationToken ct)
    {
        var settlement = await preSettle.HandleAsync(new PreSettleVisit(mdtrtId, Terms(request), calling.Scope()), ct);
        return settlement.IsSuccess
            ? Results.Ok(SettlementResponses.Presettled(settlement.Value, calendar) with { Warnings = SupervisionWarning.From(findings) })
            : ApiError.From(settlement.Error).ToResult();
    }

    private static Task<IResult> SettleAsync(string mdtrtId, SettleRequest? request, HttpContext http, CallingInstitution calling, IdempotentWrites writes, SettleVisitHandler settle, ClaimFindings findings, AgencyCalendar calendar) =>
        writes.RunAsync(http, request, async ct =>
            Reply.From(await settle.HandleAsync(new SettleVisit(mdtrtId, Terms(request), calling.Scope()), ct), s => SettlementResponses.From(s, calendar) with { Warnings = SupervisionWarning.From(findings) }, 201));

    private static ClaimTerms Terms(SettleRequest? request) =>
        new(request?.UseAccount ?? true, new PersonProof(request?.MdtrtCertType, request?.MdtrtCertNo));
}
