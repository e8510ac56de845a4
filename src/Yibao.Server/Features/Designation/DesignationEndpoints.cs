using Yibao.Domain.Designation;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;
using Yibao.Application.Staff;
using Yibao.Application.Designation;

namespace Yibao.Server.Features.Designation;

/// <param name="Services">followUp, pharmacyClinic, homeNursing.</param>
/// <param name="Diseases">ICD-10 codes or categories it may treat online; empty is any.</param>
public sealed record SignAgreementRequest(DateOnly? From, DateOnly? To, IReadOnlyList<string>? Services, IReadOnlyList<string>? Diseases);

/// <param name="Status">active, suspended or ended.</param>
public sealed record AgreementStatusRequest(string? Status, string? Reason);

public sealed record AgreementResponse(DateOnly From, DateOnly? To, IReadOnlyList<string> Services, IReadOnlyList<string> Diseases);

/// <param name="EffectiveStatus">The status its care is under: its own, or the suspension of the physical institution it relies on.</param>
public sealed record DesignationResponse(string FixmedinsCode, string Kind, string AgreementStatus, string EffectiveStatus, string? ReliesOn, AgreementResponse? InternetAgreement);

/// <summary>Agency administration of designation: Internet+ supplementary agreements, suspension and ending.</summary>
internal static class DesignationEndpoints
{
    public static RouteGroupBuilder MapDesignationEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/institutions/{code}/designation", GetAsync)
            .WithSummary("An institution's agreement status and, for an internet hospital, its supplementary agreement")
            .RequireStaff(StaffRoles.Designation).Produces<DesignationResponse>().ProducesProblem(404);
        admin.MapPut("/institutions/{code}/internet-agreement", (string code, SignAgreementRequest? request, HttpContext http, IdempotentWrites writes, SignInternetAgreementHandler sign) =>
            {
                var services = new List<OnlineService>();
                foreach (var name in request?.Services ?? [])
                {
                    if (!Designations.TryParseService(name, out var service))
                    {
                        return Task.FromResult(HttpErrors.ValidationFailed.With($"Unknown service '{name}': followUp, pharmacyClinic or homeNursing.").ToResult());
                    }

                    services.Add(service);
                }

                if (request?.From is not { } from)
                {
                    return Task.FromResult(HttpErrors.ValidationFailed.With("from (the agreement's first day) is required.").ToResult());
                }

                return writes.RunAsync(http, request, async ct =>
                {
                    var signed = await sign.HandleAsync(new SignInternetAgreement(code, from, request.To, services, request.Diseases ?? [], StaffAccess.Actor(http)), ct);
                    return signed.IsSuccess ? Reply.Ok(ToResponse(signed.Value)) : ApiError.From(signed.Error);
                });
            })
            .RequireStaff(StaffRoles.Designation).WithSummary("Sign an internet hospital's Internet+ supplementary agreement (ends the current one)")
            .Produces<AgreementResponse>().ProducesProblem(400).ProducesProblem(422);
        admin.MapPut("/institutions/{code}/agreement-status", (string code, AgreementStatusRequest? request, HttpContext http, IdempotentWrites writes, SetAgreementStatusHandler setStatus) =>
                !Designations.TryParseStatus(request?.Status, out var status)
                    ? Task.FromResult(HttpErrors.ValidationFailed.With("status is active, suspended or ended.").ToResult())
                    : writes.RunAsync(http, request, async ct =>
                    {
                        var set = await setStatus.HandleAsync(new SetAgreementStatus(code, status, request!.Reason ?? "", StaffAccess.Actor(http)), ct);
                        return set.IsSuccess ? Reply.Ok(new { fixmedins_code = code, agreement_status = Designations.ToName(set.Value) }) : ApiError.From(set.Error);
                    }))
            .RequireStaff(StaffRoles.Designation).WithSummary("Suspend, resume or end an institution's designation; a physical institution's internet hospitals follow it at once")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        return admin;
    }

    private static async Task<IResult> GetAsync(string code, GetDesignationHandler designations, CancellationToken ct)
    {
        var found = await designations.HandleAsync(new GetDesignation(code), ct);
        if (!found.IsSuccess)
        {
            return ApiError.From(found.Error).ToResult();
        }

        var (institution, agreement, _, effective) = found.Value;
        return Results.Ok(new DesignationResponse(code, institution.Kind, institution.AgreementStatus, Designations.ToName(effective), institution.ReliesOn, agreement is null ? null : ToResponse(agreement)));
    }

    private static AgreementResponse ToResponse(InternetPlusAgreement agreement) =>
        new(agreement.From, agreement.To, agreement.Services.Select(Designations.ToName).Order(StringComparer.Ordinal).ToList(), agreement.Diseases.Order(StringComparer.Ordinal).ToList());
}
