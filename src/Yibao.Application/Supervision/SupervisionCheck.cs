using Microsoft.EntityFrameworkCore;
using Yibao.Application.Reference;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Supervision;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>
/// The rule base during the event, a named check of the settlement pipeline: at pre-settlement and
/// settlement, the in-event rules enabled for the insured area judge the claim against its history
/// and the area's knowledge. A blocking finding refuses the claim with its rule id; the others
/// travel as warnings and stay with the settlement. An area with no knowledge loaded is not judged
/// in-event (nothing to read, and no cost on its settlements).
/// </summary>
public sealed class SupervisionCheck(YibaoDbContext db, ReferenceData reference, ClaimFindings findings) : ISettlementCheck
{
    public CheckPhase Phase => CheckPhase.AfterComputing;

    public async Task<DomainError?> CheckAsync(ClaimContext claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Stage == ClaimStage.Registration || claim.Visit is not { } visit || claim.Lines is not { } lines
            || await reference.SupervisionAsync(visit.InsuredArea, cancellationToken) is not { } supervision)
        {
            return null;
        }

        var supervised = await SupervisedAsync(claim, visit, lines, cancellationToken);
        var history = await SupervisionHistory.ReadAsync(db, visit.PsnNo, visit.MdtrtId, visit.VisitDate, cancellationToken);
        var rxnos = lines.Where(l => l.RxCircFlag && l.Rxno is not null).Select(l => l.Rxno!).Distinct(StringComparer.Ordinal).ToList();
        if (rxnos.Count > 0)
        {
            history = history with { PrescriptionFraud = await SupervisionHistory.PrescriptionFraudAsync(db, rxnos, cancellationToken) };
        }
        var document = supervision.Document;
        var found = RuleSet.Default.Evaluate(RuleStage.During, supervised, history, document.Knowledge with { GoverningPrices = GoverningPrices(lines) }, document.Settings, document.Enabled(RuleSet.Default));
        if (found.FirstOrDefault(f => f.Blocking) is { } blocking)
        {
            return SupervisionErrors.Blocked.With($"[{blocking.RuleId}] {blocking.RuleName}: {blocking.Content}");
        }

        findings.Set(found);
        return null;
    }

    /// <summary>The price caps the governed catalogue put on the lines (the catalogue's, or the Internet+ price list's).</summary>
    private static Dictionary<string, decimal> GoverningPrices(IReadOnlyList<FeeLineRow> lines) =>
        lines.Where(l => l.PriceCap is not null).GroupBy(l => l.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().PriceCap!.Value, StringComparer.Ordinal);

    private async Task<SupervisedClaim> SupervisedAsync(ClaimContext claim, VisitRow visit, IReadOnlyList<FeeLineRow> lines, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Where(p => p.PsnNo == visit.PsnNo).Select(p => new { p.Gender, p.Birthday, p.Insutype }).FirstAsync(ct);
        var proved = claim.Proof is { CertType: OnlineIdentityCheck.ECertificateType, CertNo: { Length: > 0 } token }
            ? await db.EcTokens.AsNoTracking().Where(t => t.EcToken == token).Select(t => t.PsnNo).FirstOrDefaultAsync(ct)
            : null;
        var inpatient = visit.MedType == MedType.Inpatient;
        var scene = SupervisedClaims.SceneOf(claim.Institution.Row.Kind, visit.MedType, claim.Channel == Channel.Online, visit.InsuredArea, visit.TreatmentArea);
        return new SupervisedClaim
        {
            MdtrtId = visit.MdtrtId,
            PsnNo = visit.PsnNo,
            Gender = person.Gender,
            Birthday = person.Birthday,
            Insutype = person.Insutype,
            FixmedinsCode = visit.FixmedinsCode,
            Level = claim.Institution.Settling.EffectiveLevel,
            Scene = scene,
            MedType = visit.MedType,
            Online = claim.Channel == Channel.Online,
            FirstVisit = visit.VisitKind == VisitKind.First.ToName(),
            Date = visit.VisitDate,
            Admitted = inpatient ? visit.VisitDate : null,
            Diagnoses = visit.DiseaseCode is { } disease ? [disease] : [],
            ProvedPsnNo = proved,
            Lines = [.. lines.Select(l => new SupervisedLine(l.FeedetlSn, l.Code, l.Name ?? l.Code, l.Price, l.Qty, l.Amount, visit.VisitDate, Rxno: l.RxCircFlag ? l.Rxno : null))],
        };
    }
}
