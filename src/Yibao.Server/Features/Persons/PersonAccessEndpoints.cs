using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Persons;
using Yibao.Application.Staff;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Persons;

/// <summary>Who read a person's record, or what a reader read: the access records, for the agency's auditors.</summary>
internal static class PersonAccessEndpoints
{
    public static RouteGroupBuilder MapPersonAccess(this RouteGroupBuilder admin)
    {
        admin.MapGet("/person-access", async ([FromQuery(Name = "psn_no")] string? psnNo, string? actor, DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit, ListPersonAccessHandler list, CancellationToken ct) =>
            {
                var records = await list.HandleAsync(new ListPersonAccess(psnNo, actor, from, to, before, limit ?? 100), ct);
                return records.IsSuccess ? Results.Ok(new PersonAccessPage(records.Value, records.Value.Count == 0 ? null : records.Value[^1].Id)) : ApiError.From(records.Error).ToResult();
            })
            .RequireStaff(StaffRoles.Audit)
            .WithSummary("Access records of personal data: ?psn_no= (whose) or ?actor= (who: an institution code or a staff user name), optional from/to, newest first; the next page with ?before=next_before")
            .Produces<PersonAccessPage>().ProducesProblem(400);
        return admin;
    }
}

/// <param name="NextBefore">Pass as <c>before</c> for the next page; null on the last.</param>
public sealed record PersonAccessPage(IReadOnlyList<PersonAccessRecord> Records, long? NextBefore);
