using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Supervision;
using Yibao.Storage;

namespace Yibao.Application.Supervision;

/// <summary>One warning's decision: its <c>jr_id</c>, <c>dspo_way</c> 1 go on or 2 go back and change, and the reason for going on.</summary>
public sealed record WarningDecision(string JrId, string DspoWay, string? DspoWayRea);

/// <summary>3103: the doctor's decisions on the warnings of a 3101 or 3102 analysis (<c>warn_type</c> 1 before, 2 during).</summary>
public sealed record RecordWarningDecisions(string FixmedinsCode, string WarnType, IReadOnlyList<WarningDecision> Warns);

/// <summary>Records each decision on the institution's own findings; going on needs its reason. All or nothing.</summary>
public sealed class RecordWarningDecisionsHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(RecordWarningDecisions command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stage = command.WarnType switch { "1" => "before", "2" => "during", _ => null };
        if (stage is null || command.Warns.Count == 0)
        {
            return SupervisionErrors.InvalidAnalysis.With("warn_type is 1 (before) or 2 (during), with at least one of warns[]");
        }

        var now = clock.GetUtcNow();
        foreach (var warn in command.Warns)
        {
            if (warn.DspoWay is not ("1" or "2"))
            {
                return SupervisionErrors.InvalidAnalysis.With($"warns[{warn.JrId}].dspo_way is 1 (go on) or 2 (go back and change)");
            }

            if (warn.DspoWay == "1" && string.IsNullOrWhiteSpace(warn.DspoWayRea))
            {
                return SupervisionErrors.InvalidAnalysis.With($"warns[{warn.JrId}].dspo_way_rea: going on against a warning needs its reason");
            }

            var finding = await db.SupervisionFindings.FirstOrDefaultAsync(f => f.JrId == warn.JrId && f.FixmedinsCode == command.FixmedinsCode && f.Stage == stage, ct);
            if (finding is null)
            {
                return SupervisionErrors.FindingNotFound.With($"there is no {stage}-event warning {warn.JrId} of {command.FixmedinsCode}");
            }

            (finding.DspoWay, finding.DspoWayRea, finding.DspoAt) = (warn.DspoWay, warn.DspoWayRea, now);
        }

        db.Record(now, command.FixmedinsCode, "supervision.feedback", "finding", string.Join(",", command.Warns.Select(w => w.JrId)), $"warn_type {command.WarnType}");
        return command.Warns.Count;
    }
}
