using Yibao.Application.Staff;
using Yibao.Application.Supervision;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Supervision;

/// <summary>The supervision rule base's administration.</summary>
internal static class SupervisionEndpoints
{
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
