using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Server.Features.Settlements;

/// <summary>A visit's claim with everything the engine needs, and the rows a settlement will change.</summary>
internal sealed record PreparedClaim(
    SettlementInput Input,
    VisitRow Visit,
    IReadOnlyList<FeeLineRow> Lines,
    PersonalAccountRow Account,
    AccumulatorRow? Accumulator,
    int Year,
    int CatalogueVersion,
    int PolicyRevision);

/// <summary>
/// Assembles a claim by the rule "treatment-place catalogue, insured-place policy": the catalogue of
/// the institution's area, the policy of the person's area, insurance type and visit year.
/// </summary>
internal sealed class ClaimPreparation(YibaoDbContext db, ReferenceCache reference, Microsoft.Extensions.Options.IOptions<YibaoOptions> options)
{
    public async Task<Result<PreparedClaim>> PrepareAsync(VisitRow visit, bool useAccount, CancellationToken cancellationToken)
    {
        var institutionRow = await db.Institutions.AsNoTracking().FirstAsync(i => i.FixmedinsCode == visit.FixmedinsCode, cancellationToken);
        Yibao.Storage.Designation.Designations.TryParseService(visit.OnlineService, out var service);
        if (await Designation.DesignationCheck.CheckAsync(db, institutionRow, visit.VisitDate, service, visit.DiseaseCode, cancellationToken) is { } undesignated)
        {
            return undesignated;
        }

        if (visit.Channel == Channel.Online.ToName()
            && await Designation.FollowUpCheck.CheckAsync(db, visit.PsnNo, visit.VisitDate, visit.DiseaseCode, options.Value.FollowUpWindowMonths, cancellationToken) is { } notFollowUp)
        {
            return notFollowUp;
        }

        var person = await db.Persons.AsNoTracking().FirstAsync(p => p.PsnNo == visit.PsnNo, cancellationToken);
        var year = visit.VisitDate.Year;
        var policy = await reference.PolicyAsync(db, visit.InsuredArea, person.Insutype, year, cancellationToken);
        if (policy is null)
        {
            return ClaimErrors.PolicyNotFound(visit.InsuredArea, person.Insutype, year);
        }

        var institution = await SettlingInstitutionAsync(db, institutionRow, cancellationToken);
        var catalogue = await reference.GovernedCatalogueAsync(db, visit.TreatmentArea, institution.EffectiveLevel, cancellationToken);
        if (catalogue is null)
        {
            return ClaimErrors.CatalogueNotFound(visit.TreatmentArea);
        }

        var lines = await db.FeeLines.Where(l => l.MdtrtId == visit.MdtrtId && !l.Cancelled).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var account = await db.PersonalAccounts.FirstAsync(a => a.PsnNo == visit.PsnNo, cancellationToken);
        var accumulators = await db.Accumulators.Where(a => a.PsnNo == visit.PsnNo && a.Year == year).ToListAsync(cancellationToken);
        MedType.TryGetBenefitKind(visit.MedType, out var benefitKind);

        CodeNames.TryParseChannel(visit.Channel, out var channel);
        CodeNames.TryParseVisitKind(visit.VisitKind, out var visitKind);
        CodeNames.TryParseFiling(visit.Filing, out var filing);
        var input = new SettlementInput(
            policy.Policy,
            catalogue.Catalogue,
            new InsuredPerson(person.Area, person.Insutype, person.Retired, account.Balance, accumulators.ToAccumulatorSet()),
            institution,
            new Visit(visit.MedType, channel, visitKind, useAccount, filing),
            lines.Select(l => new FeeLine(l.Code, l.Price, l.Qty, l.Amount)).ToList());
        return new PreparedClaim(
            input,
            visit,
            lines,
            account,
            accumulators.FirstOrDefault(a => a.BenefitKind == benefitKind.ToName()),
            year,
            catalogue.Version,
            policy.Revision);
    }

    /// <summary>The institution as the arithmetic sees it: an internet hospital at its physical institution's level.</summary>
    public static async Task<SettlingInstitution> SettlingInstitutionAsync(YibaoDbContext db, InstitutionRow row, CancellationToken cancellationToken)
    {
        var institution = row.ToDomain();
        int? reliesOnLevel = null;
        if (institution.Kind == InstitutionKind.Internet && institution.ReliesOn is { } reliesOn)
        {
            reliesOnLevel = await db.Institutions.AsNoTracking().Where(i => i.FixmedinsCode == reliesOn).Select(i => (int?)i.Level).FirstOrDefaultAsync(cancellationToken);
        }

        return new SettlingInstitution(institution.Area, institution.Level, institution.Kind, reliesOnLevel);
    }
}

internal static class ClaimErrors
{
    public static DomainError PolicyNotFound(string area, string insutype, int year) =>
        new("policy_not_found", $"No policy is loaded for area {area}, insutype {insutype}, year {year}.");

    public static DomainError CatalogueNotFound(string area) => new("catalogue_not_found", $"No catalogue is loaded for area {area}.");

    public static ApiError VisitNotFound(string mdtrtId) => ApiError.NotFound("visit_not_found", $"Visit {mdtrtId} does not exist.");

    public static ApiError VisitNotOpen(string mdtrtId, string status) => status switch
    {
        VisitStatus.Settled => ApiError.Conflict("visit_already_settled", $"Visit {mdtrtId} is settled."),
        VisitStatus.Paying => ApiError.Conflict("visit_awaiting_payment", $"Visit {mdtrtId} has a payment order waiting for the person: revoke it to change or settle the visit."),
        _ => ApiError.Conflict("visit_cancelled", $"Visit {mdtrtId} is {status}."),
    };
}
