using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Policies;

/// <summary>
/// Queues a what-if run: a draft re-settling the settlements of a past period (within the draft's
/// year). The door commits it and hands its id to the runner (<see cref="RunSimulationHandler"/>).
/// </summary>
public sealed record StartSimulation(long DraftId, DateOnly From, DateOnly To, string Actor);

public sealed class StartSimulationHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<long>> HandleAsync(StartSimulation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var draft = await db.PolicyDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == command.DraftId, cancellationToken);
        if (draft is null)
        {
            return PolicyDraftErrors.DraftNotFound.With($"there is no policy draft {command.DraftId}");
        }

        if (command.From > command.To || command.From.Year != draft.Year || command.To.Year != draft.Year)
        {
            return PolicyDraftErrors.InvalidSimulationPeriod.With($"the period must run forwards within {draft.Year}, the year of draft {draft.Id}");
        }

        var run = new SimulationRunRow
        {
            DraftId = draft.Id,
            From = command.From,
            To = command.To,
            Status = RunStatus.Queued,
            Total = await SimulationScope.Of(db, draft).LongCountAsync(cancellationToken),
            StartedBy = command.Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.SimulationRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.Record(run.CreatedAt, command.Actor, "policy.simulate", "policy", $"{draft.Area}/{draft.Insutype}/{draft.Year}", $"draft {draft.Id}, run {run.Id}, {command.From:yyyy-MM-dd}..{command.To:yyyy-MM-dd}");
        return run.Id;
    }
}

/// <summary>The settlements a draft re-settles: its area's, insurance type's and year's, every one of them, since the ledgers are rebuilt from the year's start.</summary>
internal static class SimulationScope
{
    public static IQueryable<SettlementRow> Of(YibaoDbContext db, PolicyDraftRow draft) =>
        db.Settlements.AsNoTracking().Where(s => s.InsuredArea == draft.Area && s.Insutype == draft.Insutype && s.Year == draft.Year);
}
