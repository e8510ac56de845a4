using Yibao.Application.Reconciliation;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Reconciliation;

/// <summary>An institution's totals for one agency day, for daily reconciliation.</summary>
internal static class DailyTotalsEndpoint
{
    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/institutions/{fixmedinsCode}/daily-totals", GetAsync)
            .WithTags("Reconciliation").WithName("DailyTotals")
            .WithSummary("Per-institution totals of one day's settlements and cancellations")
            .Produces<DailyTotalsResponse>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .RequireInstitution();
        return app;
    }

    private static async Task<IResult> GetAsync(string fixmedinsCode, DateOnly? date, CallingInstitution calling, GetDailyTotalsHandler totals, CancellationToken ct)
    {
        if (InstitutionAccess.NotTheCaller(fixmedinsCode, calling) is { } forbidden)
        {
            return forbidden.ToResult();
        }

        var found = await totals.HandleAsync(new GetDailyTotals(fixmedinsCode, date), ct);
        return found.IsSuccess
            ? Results.Ok(new DailyTotalsResponse(found.Value.FixmedinsCode, found.Value.Date, found.Value.Settled, found.Value.Cancelled, found.Value.Net))
            : ApiError.From(found.Error).ToResult();
    }
}

public sealed record DailyTotalsResponse(string FixmedinsCode, DateOnly Date, PeriodTotal Settled, PeriodTotal Cancelled, PeriodTotal Net);
