using Microsoft.Extensions.Options;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Federation;

/// <summary>
/// The treatment node's side of settling for people insured elsewhere: every call goes to the hub,
/// which routes it to the node serving the person's insured area.
/// </summary>
/// <remarks>
/// A message that changes the person's ledger there (phase 2, a cancellation, a restoration) is
/// decided here: before it is sent, its decision row is written in this node's open transaction, so
/// it commits with the settlement, or not at all. The insured node applies the message at once and
/// later asks for the decision (<see cref="ResolveDecisionsHandler"/>): a row committed says the
/// message took effect; a row missing is written as aborted and the insured node undoes its change.
/// On PostgreSQL that question waits on the row while this transaction is open, so the answer is
/// never given before the outcome is known.
/// </remarks>
public sealed class InsuredNodes(YibaoDbContext db, FederationClient client, IOptions<YibaoOptions> options, TimeProvider clock)
{
    private const string Hub = FederationOptions.HubRole;

    public const string Committed = "committed";
    public const string Aborted = "aborted";

    /// <summary>Whether the people insured in <paramref name="area"/> are another node's.</summary>
    public bool IsElsewhere(string area) => !options.Value.Federation.Serves(area);

    /// <summary>Whether this process is a node of a federation at all.</summary>
    public bool Federated => options.Value.Federation.IsNode;

    /// <summary>A person insured elsewhere: in <paramref name="area"/> when the caller knows it, else wherever a node knows them.</summary>
    public Task<Result<RemotePerson>> FindPersonAsync(PersonQuery query, string? area, CancellationToken ct) =>
        client.SendAsync<RemotePerson>(Hub, area is null ? "/hub/persons/find" : $"/hub/areas/{area}/persons/find", query, null, area ?? Hub, ct);

    /// <summary>Whether <paramref name="nodeId"/> names another node than this one.</summary>
    public bool IsOtherNode(string nodeId) => Federated && !string.Equals(nodeId, options.Value.Federation.NodeId, StringComparison.Ordinal);

    /// <summary>A certificate's QR code that <paramref name="nodeId"/> issued, checked and used up there: whose it is.</summary>
    public Task<Result<RemotePerson>> DecodeQrCodeAsync(RemoteQrDecode decode, string nodeId, CancellationToken ct) =>
        client.SendAsync<RemotePerson>(Hub, $"/hub/nodes/{Uri.EscapeDataString(nodeId)}/ecert/decode", decode, null, nodeId, ct);

    public Task<Result<RemoteLedgerView>> ReadLedgerAsync(string psnNo, string area, int year, CancellationToken ct) =>
        client.SendAsync<RemoteLedgerView>(Hub, $"/hub/areas/{area}/ledger", new LedgerQuery(psnNo, year), null, area, ct);

    /// <summary>Phase 2 at the insured node; a claim that takes is decided in this transaction first.</summary>
    public async Task<Result<RemoteSplit>> AdjudicateAsync(RemoteClaim claim, string area, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Take)
        {
            await DecideAsync(claim.MsgId, "settle", claim.MsgId, area, ct);
        }

        return await client.SendAsync<RemoteSplit>(Hub, $"/hub/areas/{area}/claims/adjudicate", claim, null, area, ct);
    }

    /// <summary>A settlement's entry given back (<c>cancel</c>) or taken again (<c>restore</c>) at the insured node, decided in this transaction.</summary>
    public async Task<Result<LedgerState>> ChangeEntryAsync(string kind, string setlId, string psnNo, int year, string area, CancellationToken ct)
    {
        var msgId = Ids.New(kind == "cancel" ? "FC" : "FR", clock.GetUtcNow());
        await DecideAsync(msgId, kind, setlId, area, ct);
        return await client.SendAsync<LedgerState>(Hub, $"/hub/areas/{area}/claims/{kind}", new RemoteEntryChange(msgId, setlId, psnNo, year), null, area, ct);
    }

    /// <summary>
    /// A message sent in this transaction will not take effect after all (the transaction is about to be
    /// rolled back): the decision says so, and the insured node is told at once, so that the person's
    /// ledger there is not left taken until its reconciler asks. Told or not, the outcome is the same.
    /// </summary>
    public async Task AbortAsync(string msgId, string area, CancellationToken ct)
    {
        if (db.FederationDecisions.Local.FirstOrDefault(d => d.MsgId == msgId) is { } decision)
        {
            decision.Status = Aborted;
            await db.SaveChangesAsync(ct);
        }

        await client.SendAsync<int>(Hub, $"/hub/areas/{area}/entries/aborted", new DecisionQuery([msgId]), null, area, ct);
    }

    private async Task DecideAsync(string msgId, string kind, string setlId, string area, CancellationToken ct)
    {
        db.FederationDecisions.Add(new FederationDecisionRow { MsgId = msgId, Kind = kind, SetlId = setlId, InsuredArea = area, Status = Committed, DecidedAt = clock.GetUtcNow() });

        // Written now, inside the open transaction: a question about this message waits on the row until it commits or rolls back.
        await db.SaveChangesAsync(ct);
    }
}
