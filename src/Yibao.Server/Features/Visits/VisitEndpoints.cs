using Microsoft.EntityFrameworkCore;
using Yibao.Server.Features.Settlements;
using Yibao.Server.Infrastructure;
using Yibao.Storage;

namespace Yibao.Server.Features.Visits;

internal static class VisitEndpoints
{
    public static IEndpointRouteBuilder MapVisitEndpoints(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/visits").WithTags("Visits");
        visits.MapPost("/", RegisterVisit.HandleAsync)
            .WithName("RegisterVisit").WithSummary("Register an outpatient visit (2201)")
            .Produces<VisitResponse>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        visits.MapGet("/{mdtrtId}", GetAsync)
            .WithName("GetVisit").WithSummary("A visit and its fee lines")
            .Produces<VisitDetailResponse>().ProducesProblem(404);
        visits.MapPost("/{mdtrtId}/fees", UploadFees.HandleAsync)
            .WithName("UploadFees").WithSummary("Upload fee lines; returns each line's split (2204)")
            .Produces<UploadFeesResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        visits.MapDelete("/{mdtrtId}/fees", CancelFees.HandleAsync)
            .WithName("CancelFees").WithSummary("Withdraw the visit's unsettled fee lines (2205)")
            .Produces<CancelFeesResponse>().ProducesProblem(404).ProducesProblem(409);
        visits.MapPost("/{mdtrtId}/pre-settlement", SettleVisit.PreSettleAsync)
            .WithName("PreSettle").WithSummary("Compute the settlement without changing anything (2206)")
            .Produces<SettlementResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        visits.MapPost("/{mdtrtId}/settlement", SettleVisit.SettleAsync)
            .WithName("Settle").WithSummary("Settle the visit in one transaction (2207)")
            .Produces<SettlementResponse>(201).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        return app;
    }

    private static async Task<IResult> GetAsync(string mdtrtId, YibaoDbContext db, AgencyCalendar calendar, CancellationToken ct)
    {
        var visit = await db.Visits.AsNoTracking().Include(v => v.FeeLines).FirstOrDefaultAsync(v => v.MdtrtId == mdtrtId, ct);
        return visit is null
            ? ClaimErrors.VisitNotFound(mdtrtId).ToResult()
            : Results.Ok(new VisitDetailResponse(
                RegisterVisit.ToResponse(visit, calendar),
                visit.FeeLines.Where(l => !l.Cancelled).OrderBy(l => l.Id).Select(UploadFees.ToSplit).ToList()));
    }
}

public sealed record VisitDetailResponse(VisitResponse Visit, IReadOnlyList<FeeLineSplit> FeeLines);
