using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Server.Features.Persons;
using Yibao.Server.Infrastructure;
using Yibao.Domain.Designation;
using Yibao.Storage;
using Yibao.Storage.Designation;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Server.Features.Visits;

/// <summary>Registers an outpatient visit: who, where, which medical type, online or offline, first or follow-up.</summary>
internal static class RegisterVisit
{
    public static async Task<IResult> HandleAsync(RegisterVisitRequest? request, HttpContext http, IdempotentWrites writes, YibaoDbContext db, ReferenceCache reference, AgencyCalendar calendar, Microsoft.Extensions.Options.IOptions<YibaoOptions> options)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid.ToResult();
        }

        return await writes.RunAsync(http, request, ct => RegisterAsync(request!, db, reference, calendar, ct, options.Value.FollowUpWindowMonths));
    }

    private static ApiError? Validate(RegisterVisitRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            return ApiError.Validation("A JSON body is required.");
        }

        if (string.IsNullOrWhiteSpace(request.PsnNo) && string.IsNullOrWhiteSpace(request.Certno))
        {
            errors["psn_no"] = ["psn_no or certno is required."];
        }

        if (string.IsNullOrWhiteSpace(request.FixmedinsCode))
        {
            errors["fixmedins_code"] = ["fixmedins_code is required."];
        }

        if (string.IsNullOrWhiteSpace(request.MedType))
        {
            errors["med_type"] = ["med_type is required (11, 14, 21, 41)."];
        }

        if (request.Channel is not null && !CodeNames.TryParseChannel(request.Channel, out _))
        {
            errors["channel"] = ["channel is online or offline."];
        }

        if (request.VisitKind is not null && !CodeNames.TryParseVisitKind(request.VisitKind, out _))
        {
            errors["visit_kind"] = ["visit_kind is first or followUp."];
        }

        if (request.OnlineService is not null && !Designations.TryParseService(request.OnlineService, out _))
        {
            errors["online_service"] = ["online_service is followUp, pharmacyClinic or homeNursing."];
        }

        if (request.DiseCodg is { Length: > 20 })
        {
            errors["dise_codg"] = ["dise_codg is at most 20 characters."];
        }

        return errors.Count > 0 ? ApiError.Validation("The visit registration is invalid.", errors) : null;
    }

    public static async Task<Reply> RegisterAsync(RegisterVisitRequest request, YibaoDbContext db, ReferenceCache reference, AgencyCalendar calendar, CancellationToken ct, int followUpWindowMonths = Domain.Designation.OnlineFollowUp.DefaultWindowMonths)
    {
        if (!MedType.TryGetBenefitKind(request.MedType, out _))
        {
            return ApiError.From(SettlementErrors.UnknownMedType);
        }

        var person = await PersonLookup.FindAsync(db, request.PsnNo, request.Certno, ct);
        if (person is null)
        {
            return PersonLookup.NotFound(request.PsnNo ?? request.Certno!);
        }

        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.FixmedinsCode == request.FixmedinsCode, ct);
        if (institution is null)
        {
            return ApiError.NotFound("institution_not_found", $"Institution {request.FixmedinsCode} is not designated.");
        }

        var offered = institution.Kind == InstitutionKind.Internet.ToName() ? Channel.Online : Channel.Offline;
        var channel = offered;
        if (request.Channel is not null && CodeNames.TryParseChannel(request.Channel, out channel) && channel != offered)
        {
            return new ApiError(422, "channel_mismatch", $"Institution {institution.FixmedinsCode} ({institution.Kind}) gives care {offered.ToName()} only.");
        }

        var visitKind = VisitKind.FollowUp;
        if (request.VisitKind is not null)
        {
            CodeNames.TryParseVisitKind(request.VisitKind, out visitKind);
        }

        if (channel == Channel.Online && visitKind == VisitKind.First)
        {
            return ApiError.From(SettlementErrors.OnlineFirstVisit);
        }

        var service = OnlineService.FollowUp;
        if (request.OnlineService is not null)
        {
            if (channel != Channel.Online)
            {
                return new ApiError(422, "channel_mismatch", "online_service names an Internet+ service: only online visits give one.");
            }

            Designations.TryParseService(request.OnlineService, out service);
        }

        var begin = request.Begntime ?? calendar.Now;
        var visitDate = calendar.DateOf(begin);
        if (await Designation.DesignationCheck.CheckAsync(db, institution, visitDate, service, request.DiseCodg, ct) is { } undesignated)
        {
            return ApiError.From(undesignated);
        }

        // An online visit named with its diagnosis is checked now; one without is checked before it settles.
        if (channel == Channel.Online && request.DiseCodg is { Length: > 0 }
            && await Designation.FollowUpCheck.CheckAsync(db, person.PsnNo, visitDate, request.DiseCodg, followUpWindowMonths, ct) is { } notFollowUp)
        {
            return ApiError.From(notFollowUp);
        }

        if (await reference.PolicyAsync(db, person.Area, person.Insutype, visitDate.Year, ct) is null)
        {
            return ApiError.From(Settlements.ClaimErrors.PolicyNotFound(person.Area, person.Insutype, visitDate.Year));
        }

        if (await reference.CurrentCatalogueAsync(db, institution.Area, ct) is null)
        {
            return ApiError.From(Settlements.ClaimErrors.CatalogueNotFound(institution.Area));
        }

        var filing = CrossRegionFilings.Resolve(person.Area, institution.Area, visitDate, person.ToDomain(0m).Filings);
        var visit = new VisitRow
        {
            MdtrtId = Ids.New("MD", calendar.Now),
            PsnNo = person.PsnNo,
            FixmedinsCode = institution.FixmedinsCode,
            MedType = request.MedType!,
            Channel = channel.ToName(),
            VisitKind = visitKind.ToName(),
            OnlineService = channel == Channel.Online ? Designations.ToName(service) : null,
            Filing = filing.ToName(),
            InsuredArea = person.Area,
            TreatmentArea = institution.Area,
            DiseaseCode = request.DiseCodg,
            BeginTime = begin.ToUniversalTime(),
            VisitDate = visitDate,
            Status = VisitStatus.Registered,
        };
        db.Visits.Add(visit);
        db.Record(calendar.Clock.GetUtcNow(), institution.FixmedinsCode, "visit.register", "visit", visit.MdtrtId);
        return Reply.Created(ToResponse(visit, calendar));
    }

    public static VisitResponse ToResponse(VisitRow visit, AgencyCalendar calendar) => new(
        visit.MdtrtId,
        visit.PsnNo,
        visit.FixmedinsCode,
        visit.MedType,
        visit.Channel,
        visit.VisitKind,
        visit.OnlineService,
        visit.Filing,
        visit.InsuredArea,
        visit.TreatmentArea,
        visit.DiseaseCode,
        visit.BeginTime.ToOffset(calendar.Now.Offset),
        visit.Status);
}
