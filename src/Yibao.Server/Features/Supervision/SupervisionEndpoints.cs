using Yibao.Application.Staff;
using Yibao.Application.Supervision;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Supervision;

/// <summary>The supervision rule base's administration.</summary>
internal static class SupervisionEndpoints
{
    /// <summary>
    /// The native equivalents of 3101/3102 and 3103, for institutions that speak the native API:
    /// the same <c>{"data": {...}}</c> bodies and answers, a refusal as problem+json.
    /// </summary>
    public static IEndpointRouteBuilder MapSupervisionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/supervision/analyses", (HttpContext http, CallingInstitution calling, IdempotentWrites writes, Application.Reference.ReferenceData reference, AnalyseClaimsHandler analyse, AgencyCalendar calendar) =>
                NationalBodyAsync(http, writes, async (data, ct) =>
                {
                    var caller = (await reference.InstitutionAsync(calling.Code, ct))!.Row;
                    var analysis = SupervisionMessages.Analysis(data, caller, calendar.Today);
                    return Reply.From(await analyse.HandleAsync(analysis, ct), found => SupervisionMessages.Result(analysis, found));
                }))
            .RequireInstitution()
            .WithTags("Supervision").WithName("AnalyseClaims")
            .WithSummary("Before- or during-event analysis of a doctor's orders (3101/3102's body and answer): result[] with each finding's jr_id, rule, content, amount, severity and evidence")
            .Accepts<object>("application/json").ProducesProblem(400);
        app.MapPost("/api/supervision/feedback", (HttpContext http, CallingInstitution calling, IdempotentWrites writes, RecordWarningDecisionsHandler record) =>
                NationalBodyAsync(http, writes, async (data, ct) =>
                    Reply.From(await record.HandleAsync(SupervisionMessages.Decisions(data, calling.Code), ct), recorded => new { recorded })))
            .RequireInstitution()
            .WithTags("Supervision").WithName("RecordWarningDecisions")
            .WithSummary("The doctor's decisions on the warnings (3103's body): go on (with the reason) or go back and change")
            .Accepts<object>("application/json").ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    /// <summary>Reads <c>{"data": {...}}</c> and runs the work as an idempotent write; a malformed body is 400 <c>invalid_analysis</c>.</summary>
    private static async Task<IResult> NationalBodyAsync(HttpContext http, IdempotentWrites writes, Func<Gateway.GatewayInput, CancellationToken, Task<Reply>> work)
    {
        var body = await RequestBody.ReadTextAsync(http.Request, Admin.AdminEndpoints.MaxDocumentBytes, http.RequestAborted);
        if (!body.IsSuccess)
        {
            return body.Error.ToResult();
        }

        System.Text.Json.JsonElement data;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body.Value);
            data = document.RootElement.TryGetProperty("data", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.Object
                ? d.Clone()
                : throw new Gateway.GatewayRefusal("the body is {\"data\": {...}}");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or Gateway.GatewayRefusal)
        {
            return ApiError.From(Domain.Supervision.SupervisionErrors.InvalidAnalysis.With(e is Gateway.GatewayRefusal ? e.Message : "the body is not JSON")).ToResult();
        }

        return await writes.RunAsync(http, body.Value, async ct =>
        {
            try
            {
                return await work(new Gateway.GatewayInput(data, "data"), ct);
            }
            catch (Gateway.GatewayRefusal refusal)
            {
                return ApiError.From(Domain.Supervision.SupervisionErrors.InvalidAnalysis.With(refusal.Message));
            }
        });
    }

    /// <summary>PUT /api/admin/supervision/{area}: load a new version of the area's knowledge and rule settings.</summary>
    public static RouteGroupBuilder MapSupervisionAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPut("/supervision/{area}", async (string area, HttpContext http, IdempotentWrites writes, LoadSupervisionKnowledgeHandler load) =>
            {
                var body = await RequestBody.ReadTextAsync(http.Request, Admin.AdminEndpoints.MaxDocumentBytes, http.RequestAborted);
                if (!body.IsSuccess)
                {
                    return body.Error.ToResult();
                }

                var text = body.Value;
                return await writes.RunAsync(http, text, async ct =>
                    Reply.From(await load.HandleAsync(new LoadSupervisionKnowledge(area, text, StaffAccess.Actor(http)), ct), loaded => loaded));
            })
            .RequireStaff(StaffRoles.Policy)
            .WithTags("Supervision").WithName("LoadSupervisionKnowledge")
            .WithSummary("Load a new version of an area's supervision knowledge (restrictions, includes, groups, contraindications, dose and frequency limits) and rule settings")
            .Accepts<object>("application/json").Produces<LoadedSupervisionKnowledge>().ProducesProblem(400).ProducesProblem(422);
        return admin;
    }
}
