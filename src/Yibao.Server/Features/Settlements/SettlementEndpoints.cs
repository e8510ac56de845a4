using Yibao.Application.Settlements;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Settlements;

internal static class SettlementEndpoints
{
    public static IEndpointRouteBuilder MapSettlementEndpoints(this IEndpointRouteBuilder app)
    {
        var settlements = app.MapGroup("/api/settlements").WithTags("Settlements").RequireInstitution();
        settlements.MapGet("/{setlId}", GetAsync)
            .WithName("GetSettlement").WithSummary("A settlement with its lines (5203)")
            .Produces<SettlementResponse>().ProducesProblem(404);
        settlements.MapPost("/{setlId}/cancellation", CancelAsync)
            .WithName("CancelSettlement").WithSummary("Cancel a settlement, restoring account and accumulators exactly (2208)")
            .Produces<CancelSettlementResponse>().ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<IResult> GetAsync(string setlId, CallingInstitution calling, GetSettlementHandler settlements, AgencyCalendar calendar, CancellationToken ct)
    {
        var settlement = await settlements.HandleAsync(new GetSettlement(setlId, calling.Code), ct);
        return settlement.IsSuccess ? Results.Ok(SettlementResponses.From(settlement.Value, calendar)) : ApiError.From(settlement.Error).ToResult();
    }

    private static Task<IResult> CancelAsync(string setlId, HttpContext http, CallingInstitution calling, IdempotentWrites writes, CancelSettlementHandler cancel, AgencyCalendar calendar) =>
        writes.RunAsync(http, new { setlId }, async ct =>
            Reply.From(await cancel.HandleAsync(new CancelSettlement(setlId, calling.Code), ct), c => SettlementResponses.Cancelled(c, calendar)));
}
