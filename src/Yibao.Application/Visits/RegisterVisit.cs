using Yibao.Application.Designation;
using Yibao.Application.Persons;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Application.Reference;
using Yibao.Storage.Reference;
using Yibao.Domain.Institutions;

namespace Yibao.Application.Visits;

/// <summary>Registers an outpatient visit (2201): who, where, which medical type, online or offline, first or follow-up.</summary>
/// <param name="Channel">Defaults to the institution's: internet hospitals give care online, others offline.</param>
/// <param name="VisitKind">Defaults to a follow-up.</param>
/// <param name="OnlineService">Online visits only; defaults to a follow-up consultation.</param>
/// <param name="Begntime">Defaults to now.</param>
/// <param name="Identified">The person, with chronic registrations and filings, as the caller already read and identified them (the gateway's 2201): not read again.</param>
public sealed record RegisterVisit(
    string? PsnNo,
    string? Certno,
    string FixmedinsCode,
    string MedType,
    Channel? Channel = null,
    VisitKind? VisitKind = null,
    OnlineService? OnlineService = null,
    DateTimeOffset? Begntime = null,
    string? DiseCodg = null,
    PersonRow? Identified = null);

public sealed class RegisterVisitHandler(YibaoDbContext db, ReferenceData reference, SettlementChecks checks, AgencyCalendar calendar, Federation.Guests guests, Federation.InsuredNodes insuredNodes)
{
    public async Task<Result<VisitRow>> HandleAsync(RegisterVisit command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!MedType.TryGetBenefitKind(command.MedType, out _))
        {
            return SettlementErrors.UnknownMedType;
        }

        if (command.Identified is null
            && await guests.RefreshAsync(new Federation.PersonQuery(command.PsnNo, string.IsNullOrWhiteSpace(command.PsnNo) ? command.Certno : null, null), null, always: false, ct) is { } unreachable)
        {
            return unreachable;
        }

        var person = command.Identified ?? await PersonAccess.FindAsync(db, command.PsnNo, command.Certno, ct);
        if (person is null)
        {
            return PersonErrors.NotFound(command.PsnNo ?? command.Certno ?? "");
        }

        var institution = await reference.InstitutionAsync(command.FixmedinsCode, ct);
        if (institution is null)
        {
            return InstitutionErrors.NotFound(command.FixmedinsCode);
        }

        var row = institution.Row;
        var offered = institution.IsInternet ? Channel.Online : Channel.Offline;
        var channel = command.Channel ?? offered;
        if (channel != offered)
        {
            return VisitErrors.ChannelMismatch($"Institution {row.FixmedinsCode} ({row.Kind}) gives care {offered.ToName()} only.");
        }

        var visitKind = command.VisitKind ?? VisitKind.FollowUp;
        if (channel == Channel.Online && visitKind == VisitKind.First)
        {
            return SettlementErrors.OnlineFirstVisit;
        }

        if (command.OnlineService is not null && channel != Channel.Online)
        {
            return VisitErrors.ChannelMismatch("online_service names an Internet+ service: only online visits give one.");
        }

        var service = command.OnlineService ?? OnlineService.FollowUp;
        var begin = command.Begntime ?? calendar.Now;
        var visitDate = calendar.DateOf(begin);

        // An online visit named with its diagnosis is checked for follow-up now; one without, before it settles.
        var claim = new ClaimContext
        {
            Stage = ClaimStage.Registration,
            PsnNo = person.PsnNo,
            Institution = institution,
            VisitDate = visitDate,
            Channel = channel,
            Service = service,
            DiseaseCode = command.DiseCodg,
        };
        if (await checks.RunAsync(CheckPhase.BeforeComputing, claim, ct) is { } refused)
        {
            return refused;
        }

        // A person insured on another node is under that node's policy, which judges the claim there.
        if (!insuredNodes.IsElsewhere(person.Area) && await reference.PolicyAsync(person.Area, person.Insutype, visitDate.Year, ct) is null)
        {
            return SettlementErrors.PolicyNotFound(person.Area, person.Insutype, visitDate.Year);
        }

        if (await reference.CurrentCatalogueAsync(row.Area, ct) is null)
        {
            return SettlementErrors.CatalogueNotFound(row.Area);
        }

        var filing = CrossRegionFilings.Resolve(person.Area, row.Area, visitDate, person.ToDomain(0m).Filings);
        var visit = new VisitRow
        {
            MdtrtId = Ids.New("MD", calendar.Now),
            PsnNo = person.PsnNo,
            FixmedinsCode = row.FixmedinsCode,
            MedType = command.MedType,
            Channel = channel.ToName(),
            VisitKind = visitKind.ToName(),
            OnlineService = channel == Channel.Online ? Designations.ToName(service) : null,
            Filing = filing.ToName(),
            InsuredArea = person.Area,
            TreatmentArea = row.Area,
            DiseaseCode = command.DiseCodg,
            BeginTime = begin.ToUniversalTime(),
            VisitDate = visitDate,
            Status = VisitLifecycle.Initial,
        };
        db.Visits.Add(visit);
        db.Record(calendar.Clock.GetUtcNow(), row.FixmedinsCode, "visit.register", "visit", visit.MdtrtId);
        return visit;
    }
}
