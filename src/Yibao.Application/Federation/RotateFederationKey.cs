using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Application.Federation;

/// <summary>
/// A new signing key: its public half is sent, signed with the current key, to every peer (a node's
/// to the hub, the hub's to every node); once all have it, it signs and the old key is retired.
/// Peers keep verifying the old key for the grace period, so messages already on their way are not
/// refused. A peer that could not be told leaves the old key in use: rotate again once it is back.
/// </summary>
public sealed record RotateFederationKey;

public sealed class RotateFederationKeyHandler(YibaoDbContext db, WriteGate gate, FederationKeys keys, FederationClient client, IOptions<YibaoOptions> options, TimeProvider clock)
{
    public async Task<Result<FederationKeyView>> HandleAsync(RotateFederationKey command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var federation = options.Value.Federation;
        if (!federation.IsNode && !federation.IsHub)
        {
            return FederationErrors.NotConfigured.With("Only a node or the hub has a federation key to rotate (Yibao:Federation:Role).");
        }

        var now = clock.GetUtcNow();
        var current = await db.FederationKeys.Where(k => k.RetiredAt == null).ToListAsync(ct);
        var next = keys.NewKey(now);
        var peers = await db.FederationPeers.AsNoTracking().Select(p => p.PeerId).ToListAsync(ct);
        var told = federation.IsHub ? peers.Where(p => p != FederationOptions.HubRole).ToList() : [FederationOptions.HubRole];
        var failed = new List<string>();
        foreach (var peer in told)
        {
            var sent = await client.SendAsync<bool>(peer, federation.IsHub ? "/federation/keys" : "/hub/keys", new PeerKey(next.PublicKey), null, peer, ct);
            if (!sent.IsSuccess)
            {
                failed.Add($"{peer} ({sent.Error.Code})");
            }
        }

        if (failed.Count > 0)
        {
            return FederationErrors.InsuredNodeUnavailable.With($"The new key could not be given to {string.Join(", ", failed)}; the current key stays in use. Rotate again when they are reachable.");
        }

        return await db.InTransactionAsync(gate, () =>
        {
            db.FederationKeys.Add(next);
            current.ForEach(k => k.RetiredAt = now);
            db.Record(now, federation.IsHub ? FederationOptions.HubRole : federation.NodeId, "federation.key", "key", next.KeyId, $"rotated; told {string.Join(", ", told)}");
            return Task.FromResult(Result<FederationKeyView>.Success(new FederationKeyView(next.KeyId, next.PublicKey, next.CreatedAt)));
        }, ct);
    }
}
