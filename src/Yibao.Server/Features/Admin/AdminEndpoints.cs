using Yibao.Application.Staff;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Server.Features.Designation;
using Yibao.Server.Features.Persons;
using Yibao.Server.Features.Pricing;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;
using Yibao.Application.Reference;

namespace Yibao.Server.Features.Admin;

/// <summary>
/// Agency administration: load or replace reference data in the same JSON formats as the demo world
/// (<c>fixtures/world/</c>). Each request is one transaction; a bad document changes nothing. Each
/// endpoint needs a staff member of its desk's role (areas and persons: admin), acting as whom the
/// audit log records.
/// </summary>
internal static class AdminEndpoints
{
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration");
        admin.MapPut("/areas", (HttpContext http, IdempotentWrites writes, LoadAreasHandler load) =>
                LoadAsync(http, writes, text => WorldJson.ReadAreas(text), (areas, ct) => load.HandleAsync(new LoadAreas(areas, StaffAccess.Actor(http)), ct)))
            .RequireStaff(StaffRoles.Admin).WithSummary("Load or replace coordinated areas").Accepts<object>("application/json").Produces<LoadedResponse>().ProducesProblem(400);
        admin.MapPut("/policies", (HttpContext http, IdempotentWrites writes, LoadPoliciesHandler load) =>
                LoadAsync(http, writes, PolicyJson.ReadMany, (policies, ct) => load.HandleAsync(new LoadPolicies(policies, StaffAccess.Actor(http)), ct)))
            .RequireStaff(StaffRoles.Policy).WithSummary("Load or replace policies (one per area, insutype and year)").Accepts<object>("application/json").Produces<LoadedResponse>().ProducesProblem(400).ProducesProblem(422);
        admin.MapPut("/catalogues/{area}", (string area, HttpContext http, IdempotentWrites writes, PublishCatalogueHandler publish) =>
                LoadAsync(http, writes, CatalogueJson.ReadEntries, (entries, ct) => publish.HandleAsync(new PublishCatalogue(area, entries.ToList(), StaffAccess.Actor(http)), ct)))
            .RequireStaff(StaffRoles.Policy).WithSummary("Publish a new version of an area's catalogue; answers the version").Accepts<object>("application/json").Produces<LoadedResponse>().ProducesProblem(400).ProducesProblem(422);
        admin.MapPut("/institutions", (HttpContext http, IdempotentWrites writes, LoadInstitutionsHandler load) =>
                LoadAsync(http, writes, WorldJson.ReadInstitutions, (institutions, ct) => load.HandleAsync(new LoadInstitutions(institutions.ToList(), StaffAccess.Actor(http)), ct)))
            .RequireStaff(StaffRoles.Designation).WithSummary("Load or replace designated institutions").Accepts<object>("application/json").Produces<LoadedResponse>().ProducesProblem(400).ProducesProblem(422);
        admin.MapPut("/persons", (HttpContext http, IdempotentWrites writes, ImportPersonsHandler import) =>
                LoadAsync(http, writes, WorldJson.ReadPersons, async (persons, ct) =>
                    (await import.HandleAsync(new ImportPersons(PersonFiles.FromDocument(persons), ReplaceRegistrations: true, SkipBad: false, StaffAccess.Actor(http)), ct)).Map(r => (int)r.Imported)))
            .RequireStaff(StaffRoles.Admin).WithSummary("Load or replace insured persons (an existing account keeps its balance)").Accepts<object>("application/json").Produces<LoadedResponse>().ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        admin.MapDesignationEndpoints();
        admin.MapPersonAccess();
        admin.MapPriceListAdmin();
        Supervision.SupervisionEndpoints.MapSupervisionAdmin(admin);
        Supervision.FindingEndpoints.MapFindingReview(admin);
        Filings.FilingEndpoints.MapFilingCounter(admin);
        Clearing.ClearingEndpoints.MapClearingAdmin(admin);
        return app;
    }

    private static async Task<IResult> LoadAsync<T>(HttpContext http, IdempotentWrites writes, Func<string, Result<T>> read, Func<T, CancellationToken, Task<Result<int>>> load)
    {
        var body = await RequestBody.ReadTextAsync(http.Request, MaxDocumentBytes, http.RequestAborted);
        if (!body.IsSuccess)
        {
            return body.Error.ToResult();
        }

        var text = body.Value;
        var document = read(text);
        if (!document.IsSuccess)
        {
            return ApiError.From(document.Error).ToResult();
        }

        return await writes.RunAsync(http, text, async ct =>
        {
            var loaded = await load(document.Value, ct);
            return loaded.IsSuccess ? Reply.Ok(new LoadedResponse(loaded.Value)) : ApiError.From(loaded.Error);
        });
    }
}

/// <param name="Loaded">How many items were loaded, or the catalogue version published.</param>
public sealed record LoadedResponse(int Loaded);
