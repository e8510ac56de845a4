using Microsoft.EntityFrameworkCore;
using Yibao.Application.Designation;
using Yibao.Application.Ledger;
using Yibao.Application.Settlements.Checks;
using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Application.Reference;

namespace Yibao.Application.Settlements;

/// <summary>Whom phase 2 settled, and how: the insured facts it read, the account choice and the filing it applied.</summary>
public sealed record ClaimParty(string Insutype, bool Retired, bool UseAccount, string Filing);

/// <summary>A visit's claim, checked and computed: whom it settled, its split, and what the settlement records.</summary>
public sealed record ComputedClaim(
    ClaimParty Party,
    SettlementResult Result,
    VisitRow Visit,
    IReadOnlyList<FeeLineRow> Lines,
    int CatalogueVersion,
    int PolicyRevision,
    Prescriptions.RxClaim? Prescription = null)
{
    /// <summary>Phase 2 ran at the insured person's node, which took the entry from their ledger there.</summary>
    public bool TakenAtInsuredNode { get; init; }
}

/// <summary>
/// Phase 2 at the insured person's node, through the hub, as message <paramref name="MsgId"/> (the
/// settlement's id); with <paramref name="Take"/>, the node takes the entry from the ledger, otherwise
/// it only computes (a pre-settlement).
/// </summary>
public sealed record RemotePhaseTwo(string InsuredArea, string MsgId, bool Take);

/// <summary>How a claim is to be settled: from the account or not, how the person was identified, and the totals the institution expects.</summary>
/// <param name="MedType">The medical type the institution names with the claim (HIS systems often skip 2203): it becomes the visit's.</param>
public sealed record ClaimTerms(bool UseAccount, PersonProof? Proof = null, StatedTotals? Stated = null, string? MedType = null);

/// <summary>
/// Assembles and computes a claim by the rule "treatment-place catalogue, insured-place policy": the
/// catalogue of the institution's area, the policy of the person's area, insurance type and visit
/// year, the person's ledger as given. The settlement checks run before and after computing.
/// </summary>
public sealed class ClaimPreparation(YibaoDbContext db, ReferenceData reference, SettlementChecks checks, Prescriptions.PrescriptionClaims prescriptions, Federation.InsuredNodes insuredNodes)
{
    /// <summary>
    /// The visit, if the scope may see it, with its standing lines (not cancelled), in one round trip.
    /// The visit is tracked, so that what the claim changes on it is saved; one the unit of work
    /// already tracks is the current one, as a tracking query would have returned it.
    /// </summary>
    public async Task<Result<VisitWithLines>> FindAsync(string mdtrtId, VisitScope scope, CancellationToken ct)
    {
        var found = await db.FindWithLinesAsync(mdtrtId, scope, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var visit = db.Visits.Local.FirstOrDefault(v => v.MdtrtId == mdtrtId) ?? db.Visits.Attach(found.Value.Visit).Entity;
        return new VisitWithLines(visit, [.. found.Value.Lines.Where(l => !l.Cancelled)]);
    }

    /// <summary>Both phases here, against the person's ledger as given.</summary>
    public Task<Result<ComputedClaim>> ComputeAsync(VisitWithLines visit, ClaimTerms terms, ClaimStage stage, PersonLedger ledger, InsuredFacts person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(person);
        return ComputeAsync(visit, terms, stage, (ledger, person), null, ct);
    }

    /// <summary>Phase 1 here, phase 2 at the insured person's node.</summary>
    public Task<Result<ComputedClaim>> ComputeAsync(VisitWithLines visit, ClaimTerms terms, ClaimStage stage, RemotePhaseTwo remote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remote);
        return ComputeAsync(visit, terms, stage, null, remote, ct);
    }

    private async Task<Result<ComputedClaim>> ComputeAsync(VisitWithLines claimed, ClaimTerms terms, ClaimStage stage, (PersonLedger Ledger, InsuredFacts Person)? local, RemotePhaseTwo? remote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(terms);
        var (visit, lines) = claimed;
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
        var policy = local is { Person: var insured } ? await reference.PolicyAsync(visit.InsuredArea, insured.Insutype, year, ct) : null;
        if (local is { Person: var person } && policy is null)
        {
            return SettlementErrors.PolicyNotFound(visit.InsuredArea, person.Insutype, year);
        }

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
        var engineVisit = new Visit(visit.MedType, channel, visitKind, terms.UseAccount, filing);
        var feeLines = lines.Select(l => new FeeLine(l.Code, l.Price, l.Qty, l.Amount)).ToList();
        Result<(SettlementResult Result, ClaimParty Party, int PolicyRevision)> computed;
        if (local is { } here)
        {
            var input = new SettlementInput(
                policy!.Policy,
                catalogue.Catalogue,
                new InsuredPerson(here.Person.Area, here.Person.Insutype, here.Person.Retired, here.Ledger.Balance, here.Ledger.Accumulators),
                settling,
                engineVisit,
                feeLines);
            var settled = SettlementEngine.Settle(input);
            computed = settled.IsSuccess
                ? (settled.Value, new ClaimParty(here.Person.Insutype, here.Person.Retired, terms.UseAccount, visit.Filing), policy.Revision)
                : settled.Error;
        }
        else
        {
            computed = await AdjudicateElsewhereAsync(visit, engineVisit, catalogue.Catalogue, settling, feeLines, remote!, ct);
        }

        if (!computed.IsSuccess)
        {
            return computed.Error;
        }

        var (result, party, revision) = computed.Value;
        (context.Result, context.Visit, context.Lines) = (result, visit, lines);
        if (await checks.RunAsync(CheckPhase.AfterComputing, context, ct) is { } refused)
        {
            if (remote is { Take: true })
            {
                await insuredNodes.AbortAsync(remote.MsgId, remote.InsuredArea, ct);
            }

            return refused;
        }

        return new ComputedClaim(party, result, visit, lines, catalogue.Version, revision, rx) { TakenAtInsuredNode = remote is { Take: true } };
    }

    /// <summary>Phase 1 with this node's catalogue, then phase 2 at the insured person's node.</summary>
    private async Task<Result<(SettlementResult Result, ClaimParty Party, int PolicyRevision)>> AdjudicateElsewhereAsync(
        VisitRow visit, Visit engineVisit, Domain.Catalogues.Catalogue catalogue, Domain.Institutions.SettlingInstitution settling, IReadOnlyList<FeeLine> lines, RemotePhaseTwo remote, CancellationToken ct)
    {
        var classified = SettlementEngine.ClassifyForInsuredPlace(engineVisit, catalogue, settling, lines);
        if (!classified.IsSuccess)
        {
            return classified.Error;
        }

        var claim = new Federation.RemoteClaim(
            remote.MsgId, visit.PsnNo, visit.FixmedinsCode, visit.TreatmentArea, visit.VisitDate, engineVisit.MedType, engineVisit.Channel, engineVisit.VisitKind,
            engineVisit.UseAccount, settling.EffectiveLevel, classified.Value.Lines, classified.Value.Totals, remote.Take);
        var split = await insuredNodes.AdjudicateAsync(claim, remote.InsuredArea, ct);
        if (!split.IsSuccess)
        {
            return split.Error;
        }

        var s = split.Value;
        return (s.Result, new ClaimParty(s.Insutype, s.Retired, engineVisit.UseAccount, s.Filing), s.PolicyRevision);
    }
}
