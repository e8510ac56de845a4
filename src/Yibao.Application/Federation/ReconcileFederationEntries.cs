using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Application.Federation;

/// <summary>
/// The insured node's reconciler: entries applied for treatment nodes and not yet resolved, once
/// older than <see cref="FederationOptions.ResolveAfterSeconds"/>, are resolved by the treatment node's
/// decision (asked through the hub), each in a transaction of its own. A treatment node that cannot
/// be reached is asked again on the next run; its entries stay applied meanwhile.
/// </summary>
public sealed record ReconcileFederationEntries(int Batch = ResolveDecisionsHandler.MaxMessages, bool All = false);

/// <summary>How many entries were asked about, kept, undone, and left for a later run.</summary>
public sealed record ReconcileReport(int Asked, int Committed, int Aborted, int Unanswered);

public sealed class ReconcileFederationEntriesHandler(YibaoDbContext db, WriteGate gate, Ledger.LocalPersonLedger ledgers, FederationClient client, IOptions<YibaoOptions> options, TimeProvider clock)
{
    public async Task<Result<ReconcileReport>> HandleAsync(ReconcileFederationEntries command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var cutoff = command.All ? now : now.AddSeconds(-options.Value.Federation.ResolveAfterSeconds);

        // Filtered by age in memory: SQLite cannot compare instants, and applied entries are few.
        var applied = (await db.FederationEntries.AsNoTracking().Where(e => e.Status == FederationEntries.Applied).OrderBy(e => e.Id)
            .Take(Math.Clamp(command.Batch, 1, ResolveDecisionsHandler.MaxMessages)).Select(e => new { e.MsgId, e.TreatmentNode, e.AppliedAt }).ToListAsync(ct))
            .Where(e => e.AppliedAt <= cutoff).ToList();
        int committed = 0, aborted = 0, unanswered = 0;
        foreach (var node in applied.GroupBy(e => e.TreatmentNode))
        {
            var ids = node.Select(e => e.MsgId).ToList();
            var answer = await client.SendAsync<DecisionAnswer>(FederationOptions.HubRole, $"/hub/nodes/{node.Key}/decisions", new DecisionQuery(ids), null, node.Key, ct);
            if (!answer.IsSuccess)
            {
                unanswered += ids.Count;
                continue;
            }

            foreach (var id in ids)
            {
                if (!answer.Value.Decisions.TryGetValue(id, out var decision))
                {
                    unanswered++;
                    continue;
                }

                var resolved = await db.InTransactionAsync(gate, async () => Result<bool>.Success(await FederationEntries.ResolveAsync(db, ledgers, id, decision, clock.GetUtcNow(), ct)), ct);
                if (resolved is { IsSuccess: true, Value: true })
                {
                    _ = decision == FederationEntries.Aborted ? aborted++ : committed++;
                }
            }
        }

        return new ReconcileReport(applied.Count, committed, aborted, unanswered);
    }
}
