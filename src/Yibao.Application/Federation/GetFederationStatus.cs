using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Storage;

namespace Yibao.Application.Federation;

/// <summary>What an operator sees of this process in the federation: its role, its peers, and how its cross-node messages stand.</summary>
public sealed record GetFederationStatus(int Unresolved = 20);

/// <summary>A message this node applied for another, not yet resolved: how long it has waited.</summary>
public sealed record UnresolvedEntry(string MsgId, string Kind, string SetlId, string TreatmentNode, string FixmedinsCode, decimal FundPaySumamt, DateTimeOffset AppliedAt);

/// <summary>
/// The status: <paramref name="Entries"/> by state (what this node applied for treatment nodes),
/// <paramref name="Decisions"/> by state (what it sent as a treatment node), <paramref name="Journal"/>
/// by state (at the hub, what it routed), and the oldest entries still waiting for their outcome.
/// </summary>
public sealed record FederationStatus(
    string Role, string NodeId, IReadOnlyList<string> Areas, IReadOnlyList<FederationPeerView> Peers,
    IReadOnlyDictionary<string, int> Entries, IReadOnlyDictionary<string, int> Decisions, IReadOnlyDictionary<string, int> Journal,
    IReadOnlyList<UnresolvedEntry> Unresolved);

public sealed class GetFederationStatusHandler(YibaoDbContext db, ListFederationPeersHandler peers, IOptions<YibaoOptions> options)
{
    public async Task<FederationStatus> HandleAsync(GetFederationStatus command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var federation = options.Value.Federation;
        var entries = await db.FederationEntries.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var decisions = await db.FederationDecisions.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var journal = await db.HubJournal.GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        // Ordered here: SQLite cannot order instants, and unresolved entries are few.
        var unresolved = (await db.FederationEntries.AsNoTracking().Where(e => e.Status == FederationEntries.Applied).OrderBy(e => e.Id).Take(Math.Clamp(command.Unresolved, 1, 200))
            .Select(e => new UnresolvedEntry(e.MsgId, e.Kind, e.SetlId, e.TreatmentNode, e.FixmedinsCode, e.FundPaySumamt, e.AppliedAt)).ToListAsync(ct)).OrderBy(e => e.AppliedAt).ToList();
        var role = federation.IsHub ? FederationOptions.HubRole : federation.IsNode ? FederationOptions.NodeRole : "single";
        return new FederationStatus(role, federation.NodeId, federation.ServedAreas, await peers.HandleAsync(new ListFederationPeers(), ct), entries, decisions, journal, unresolved);
    }
}
