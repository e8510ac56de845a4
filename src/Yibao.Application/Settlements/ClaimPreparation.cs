using Microsoft.EntityFrameworkCore;
using Yibao.Application.Designation;
using Yibao.Application.Ledger;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Application.Reference;

namespace Yibao.Application.Settlements;

/// <summary>A visit's claim, checked and computed: what the engine was given, its split, and what the settlement records.</summary>
public sealed record ComputedClaim(
    SettlementInput Input,
    SettlementResult Result,
    VisitRow Visit,
    IReadOnlyList<FeeLineRow> Lines,
    int CatalogueVersion,
    int PolicyRevision,
    Prescriptions.RxClaim? Prescription = null);

/// <summary>How a claim is to be settled: from the account or not, how the person was identified, and the totals the institution expects.</summary>
/// <param name="MedType">The medical type the institution names with the claim (HIS systems often skip 2203): it becomes the visit's.</param>
public sealed record ClaimTerms(bool UseAccount, PersonProof? Proof = null, StatedTotals? Stated = null, string? MedType = null);

/// <summary>
/// Assembles and computes a claim by the rule "treatment-place catalogue, insured-place policy": the
/// catalogue of the institution's area, the policy of the person's area, insurance type and visit
/// year, the person's ledger as given. The settlement checks run before and after computing.
/// </summary>
public sealed class ClaimPreparation(YibaoDbContext db, ReferenceData reference, SettlementChecks checks, Prescriptions.PrescriptionClaims prescriptions)
{
    public async Task<Result<ComputedClaim>> ComputeAsync(VisitRow visit, ClaimTerms terms, ClaimStage stage, PersonLedger ledger, InsuredFacts person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(ledger);
        var institution = await reference.InstitutionAsync(visit.FixmedinsCode, ct)
            ?? throw new InvalidOperationException($"visit {visit.MdtrtId} names an unknown institution");
        CodeNames.TryParseChannel(visit.Channel, out var channel);
        Designations.TryParseService(visit.OnlineService, out var service);
        var context = new ClaimContext
        {
            Stage = stage,
            PsnNo = visit.PsnNo,
            Institution = institution,
            VisitDate = visit.VisitDate,
            Channel = channel,
            Service = service,
            DiseaseCode = visit.DiseaseCode,
            Proof = terms.Proof,
            Stated = terms.Stated,
        };
        if (await checks.RunAsync(CheckPhase.BeforeComputing, context, ct) is { } ineligible)
        {
            return ineligible;
        }

        var year = visit.VisitDate.Year;
        var policy = await reference.PolicyAsync(visit.InsuredArea, person.Insutype, year, ct);
        if (policy is null)
        {
            return SettlementErrors.PolicyNotFound(visit.InsuredArea, person.Insutype, year);
        }

        var lines = await db.FeeLines.AsNoTracking().Where(l => l.MdtrtId == visit.MdtrtId && !l.Cancelled).OrderBy(l => l.Id).ToListAsync(ct);
        if (lines.Count == 0)
        {
            return SettlementErrors.NoFeeLines(visit.MdtrtId);
        }

        // A claim dispensing a circulated prescription settles at the prescriber's level, under the prescribing visit's medical type.
        var (rx, rxRefused) = await prescriptions.ResolveAsync(visit, lines, stage, ct);
        if (rxRefused is not null)
        {
            return rxRefused;
        }

        if (rx is not null)
        {
            visit.MedType = rx.MedType;
        }

        var settling = institution.Settling with { PrescriberLevel = rx?.PrescriberLevel };
        var catalogue = await reference.GovernedCatalogueAsync(visit.TreatmentArea, settling.EffectiveLevel, ct);
        if (catalogue is null)
        {
            return SettlementErrors.CatalogueNotFound(visit.TreatmentArea);
        }

        CodeNames.TryParseVisitKind(visit.VisitKind, out var visitKind);
        CodeNames.TryParseFiling(visit.Filing, out var filing);
        var input = new SettlementInput(
            policy.Policy,
            catalogue.Catalogue,
            new InsuredPerson(person.Area, person.Insutype, person.Retired, ledger.Balance, ledger.Accumulators),
            settling,
            new Visit(visit.MedType, channel, visitKind, terms.UseAccount, filing),
            lines.Select(l => new FeeLine(l.Code, l.Price, l.Qty, l.Amount)).ToList());
        var result = SettlementEngine.Settle(input);
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        (context.Result, context.Visit, context.Lines) = (result.Value, visit, lines);
        if (await checks.RunAsync(CheckPhase.AfterComputing, context, ct) is { } refused)
        {
            return refused;
        }

        return new ComputedClaim(input, result.Value, visit, lines, catalogue.Version, policy.Revision, rx);
    }
}
