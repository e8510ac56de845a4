using Microsoft.EntityFrameworkCore;
using Yibao.Server.Infrastructure;
using Yibao.Storage;

namespace Yibao.Server.Features.Settlements;

internal static class SettlementEndpoints
{
    public static IEndpointRouteBuilder MapSettlementEndpoints(this IEndpointRouteBuilder app)
    {
        var settlements = app.MapGroup("/api/settlements").WithTags("Settlements");
        settlements.MapGet("/{setlId}", GetAsync)
            .WithName("GetSettlement").WithSummary("A settlement with its lines (5203)")
            .Produces<SettlementResponse>().ProducesProblem(404);
        settlements.MapPost("/{setlId}/cancellation", CancelSettlement.HandleAsync)
            .WithName("CancelSettlement").WithSummary("Cancel a settlement, restoring account and accumulators exactly (2208)")
            .Produces<CancelSettlementResponse>().ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<IResult> GetAsync(string setlId, YibaoDbContext db, AgencyCalendar calendar, CancellationToken ct)
    {
        var settlement = await db.Settlements.AsNoTracking().Include(s => s.Lines).FirstOrDefaultAsync(s => s.SetlId == setlId, ct);
        return settlement is null
            ? CancelSettlement.SettlementNotFound(setlId).ToResult()
            : Results.Ok(SettleVisit.ToResponse(settlement, calendar));
    }
}
