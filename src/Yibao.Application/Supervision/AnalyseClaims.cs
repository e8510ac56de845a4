using Microsoft.EntityFrameworkCore;
using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Supervision;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>
/// 3101 (before the event: a doctor's orders at entry) and 3102 (during it): the claims given,
/// judged by the rules of the stage. <paramref name="RuleIds"/> narrows the rules; none means every
/// enabled one. <paramref name="Claims"/> name their patients by <c>psn_no</c>, whose settled
/// history the platform adds.
/// </summary>
public sealed record AnalyseClaims(string FixmedinsCode, string? TaskId, RuleStage Stage, IReadOnlyList<string> RuleIds, IReadOnlyList<SupervisedClaim> Claims);

/// <summary>A finding as answered: its <c>jr_id</c> (kept for the doctor's decision, 3103) and the finding.</summary>
public sealed record JudgedFinding(string JrId, Finding Finding);

public sealed class AnalyseClaimsHandler(YibaoDbContext db, ReferenceData reference, TimeProvider clock)
{
    public const int MaxClaims = 100;

    public async Task<Result<IReadOnlyList<JudgedFinding>>> HandleAsync(AnalyseClaims command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Claims.Count is 0 or > MaxClaims)
        {
            return SupervisionErrors.InvalidAnalysis.With($"patient_dtos: 1 to {MaxClaims} encounters");
        }

        var unknown = command.RuleIds.FirstOrDefault(id => RuleSet.Default.Definitions.All(d => d.Id != id));
        if (unknown is not null)
        {
            return SupervisionErrors.InvalidAnalysis.With($"rule_ids: there is no rule {unknown}");
        }

        var institution = await reference.InstitutionAsync(command.FixmedinsCode, ct) ?? throw new InvalidOperationException($"the caller {command.FixmedinsCode} is not an institution");
        var supervision = (await reference.SupervisionAsync(institution.Row.Area, ct))?.Document ?? SupervisionDocument.Empty;
        var only = command.RuleIds.Count > 0 ? command.RuleIds : supervision.Enabled(RuleSet.Default);
        var now = clock.GetUtcNow();
        var rows = new List<(SupervisionFindingRow Row, Finding Finding)>();
        foreach (var claim in command.Claims)
        {
            var history = await SupervisionHistory.ReadAsync(db, claim.PsnNo, claim.MdtrtId, claim.Date, ct);
            foreach (var finding in RuleSet.Default.Evaluate(command.Stage, claim, history, supervision.Knowledge, supervision.Settings, only))
            {
                var row = ClaimFindings.Row(finding, command.Stage == RuleStage.Before ? "before" : "during", now, null, command.FixmedinsCode);
                row.TaskId = command.TaskId;
                rows.Add((row, finding));
            }
        }

        // Staged with the caller's save: the doctor answers them by jr_id (3103).
        db.SupervisionFindings.AddRange(rows.Select(r => r.Row));
        return rows.Select(r => new JudgedFinding(r.Row.JrId, r.Finding)).ToList();
    }
}
