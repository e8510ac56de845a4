using Yibao.Application.Filings;
using Yibao.Application.Staff;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Filings;

/// <param name="Type">longTerm or temporaryFiled.</param>
/// <param name="Reason">retiree, resident, posted (long-term); referral, emergency, other (temporary).</param>
/// <param name="ToArea">The place: an area's code, or a province's (ending 0000).</param>
/// <param name="From">Default today; before today only for an emergency not yet settled.</param>
/// <param name="To">Temporary only: at least six months; default exactly six.</param>
public sealed record FilingRequest(string? Type, string? Reason, string? ToArea, DateOnly? From, DateOnly? To);

/// <summary>Filing at the counter: agency staff file, list and end a person's filings, through the same use cases as the phone page.</summary>
internal static class FilingEndpoints
{
    public static RouteGroupBuilder MapFilingCounter(this RouteGroupBuilder admin)
    {
        admin.MapGet("/persons/{psnNo}/filings", async (string psnNo, ListFilingsHandler list, CancellationToken ct) =>
                ApiError.Answer(await list.HandleAsync(new ListFilings(psnNo), ct), found => found))
            .RequireStaff(StaffRoles.Admin).WithTags("Filing").WithName("ListFilings")
            .WithSummary("A person's cross-region filings (异地就医备案), the latest first, with the places they may file for")
            .Produces<PersonFilings>().ProducesProblem(404);
        admin.MapPost("/persons/{psnNo}/filings", (string psnNo, FilingRequest? request, HttpContext http, IdempotentWrites writes, ApplyForFilingHandler apply) =>
                writes.RunAsync(http, request, async ct => Reply.From(
                    await apply.HandleAsync(new ApplyForFiling(psnNo, request?.Type ?? "", request?.Reason ?? "", request?.ToArea ?? "", request?.From, request?.To, "counter", StaffAccess.Actor(http)), ct),
                    filed => filed, 201)))
            .RequireStaff(StaffRoles.Admin).WithTags("Filing").WithName("ApplyForFiling")
            .WithSummary("File a person for treatment in another area at the counter: long-term (open-ended) or temporary (at least six months); an emergency after the treatment, until it is settled")
            .Produces<FilingView>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        admin.MapPost("/persons/{psnNo}/filings/{id:long}/end", (string psnNo, long id, HttpContext http, IdempotentWrites writes, EndFilingHandler end) =>
                writes.RunAsync(http, null, async ct => Reply.From(await end.HandleAsync(new EndFiling(psnNo, id, "counter", StaffAccess.Actor(http)), ct), ended => ended)))
            .RequireStaff(StaffRoles.Admin).WithTags("Filing").WithName("EndFiling")
            .WithSummary("End a person's filing: today is its last day covered")
            .Produces<FilingView>().ProducesProblem(404).ProducesProblem(409);
        return admin;
    }
}
