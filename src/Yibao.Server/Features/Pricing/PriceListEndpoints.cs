using Yibao.Domain.Pricing;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;
using Yibao.Application.Staff;
using Yibao.Application.Reference;
using Yibao.Application.Pricing;

namespace Yibao.Server.Features.Pricing;

public sealed record PricedServiceResponse(string Code, string Name, string Content, string Unit, string Description, string Rule, string? Follows, string? DoctorGrade, decimal? Level1, decimal? Level2, decimal? Level3);

public sealed record PriceListResponse(string Area, int Revision, IReadOnlyList<PricedServiceResponse> Services);

/// <summary>Internet+ service prices: public to read (price transparency), loaded by the agency.</summary>
internal static class PriceListEndpoints
{
    public static IEndpointRouteBuilder MapPriceListEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/internet-plus-prices/{area}", async (string area, GetPriceListHandler prices, CancellationToken ct) =>
            {
                var found = await prices.HandleAsync(new GetPriceList(area), ct);
                if (!found.IsSuccess)
                {
                    return ApiError.From(found.Error).ToResult();
                }

                var (list, revision) = found.Value;
                return Results.Ok(new PriceListResponse(area, revision, list.Services.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => new PricedServiceResponse(
                        s.Code, s.Name, s.Content, s.Unit, s.Description, s.Rule.ToString(), s.Follows, s.DoctorGrade,
                        list.GoverningPrice(s.Code, 1), list.GoverningPrice(s.Code, 2), list.GoverningPrice(s.Code, 3))).ToList()));
            })
            .WithTags("Internet+ pricing").WithName("GetPriceList")
            .WithSummary("An area's Internet+ service prices, by institution level")
            .Produces<PriceListResponse>().ProducesProblem(404)
            .RequireInstitution();
        return app;
    }

    /// <summary>PUT /api/admin/internet-plus-prices: load or replace an area's price list.</summary>
    public static RouteGroupBuilder MapPriceListAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPut("/internet-plus-prices", async (HttpContext http, IdempotentWrites writes, LoadPriceListHandler load) =>
            {
                var body = await RequestBody.ReadTextAsync(http.Request, Admin.AdminEndpoints.MaxDocumentBytes, http.RequestAborted);
                if (!body.IsSuccess)
                {
                    return body.Error.ToResult();
                }

                var text = body.Value;
                var parsed = PriceListJson.Read(text);
                if (!parsed.IsSuccess)
                {
                    return ApiError.From(parsed.Error).ToResult();
                }

                return await writes.RunAsync(http, text, async ct =>
                {
                    var loaded = await load.HandleAsync(new LoadPriceList(text, StaffAccess.Actor(http)), ct);
                    return loaded.IsSuccess ? Reply.Ok(new { area = parsed.Value.Area, revision = loaded.Value }) : ApiError.From(loaded.Error);
                });
            })
            .RequireStaff(StaffRoles.Policy).WithSummary("Load or replace an area's Internet+ service price list").Accepts<object>("application/json").ProducesProblem(400).ProducesProblem(422);
        return admin;
    }
}
