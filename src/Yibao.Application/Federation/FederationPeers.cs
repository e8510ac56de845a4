using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Federation;

/// <summary>This process's public key, created on first use: the key its peers register for it.</summary>
public sealed record InitFederationKey;

/// <summary>A key: its id, public half and when it was made.</summary>
public sealed record FederationKeyView(string KeyId, string PublicKey, DateTimeOffset CreatedAt);

public sealed class InitFederationKeyHandler(YibaoDbContext db, FederationKeys keys, TimeProvider clock)
{
    public async Task<Result<FederationKeyView>> HandleAsync(InitFederationKey command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var current = await FederationKeys.CurrentAsync(db, ct);
        if (current is null)
        {
            current = keys.NewKey(clock.GetUtcNow());
            db.FederationKeys.Add(current);
        }

        return new FederationKeyView(current.KeyId, current.PublicKey, current.CreatedAt);
    }
}

/// <summary>
/// Registers (or updates) a peer: at the hub, a node with the areas it serves; at a node, the hub
/// (<c>hub</c>). Its public key is what the peer's <c>yibao federation key</c> printed.
/// </summary>
public sealed record AddFederationPeer(string PeerId, string BaseUrl, IReadOnlyList<string> Areas, string PublicKey);

public sealed record FederationPeerView(string PeerId, string BaseUrl, IReadOnlyList<string> Areas, string PublicKey, DateTimeOffset? RotatedAt);

public sealed class AddFederationPeerHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<FederationPeerView>> HandleAsync(AddFederationPeer command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var areas = command.Areas ?? [];
        if (string.IsNullOrWhiteSpace(command.PeerId) || command.PeerId.Length > 40 || !command.PeerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return FederationErrors.Invalid.With("A peer id is 1 to 40 letters, digits, '-' or '_'.");
        }

        if (!Uri.TryCreate(command.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return FederationErrors.Invalid.With($"{command.BaseUrl} is not an http(s) address.");
        }

        if (areas.Any(a => a.Length != 6 || !a.All(char.IsAsciiDigit)))
        {
            return FederationErrors.Invalid.With("Areas are six-digit admdvs codes.");
        }

        if (!FederationKeys.IsPublicKey(command.PublicKey))
        {
            return FederationErrors.Invalid.With("The public key is an SM2 point in hex (130 digits), as yibao federation key prints it.");
        }

        var taken = (await db.FederationPeers.AsNoTracking().Where(p => p.PeerId != command.PeerId).ToListAsync(ct))
            .FirstOrDefault(p => p.Areas.Split(',').Intersect(areas).Any());
        if (taken is not null)
        {
            return FederationErrors.Invalid.With($"Node {taken.PeerId} serves one of these areas already: an area has one node.");
        }

        var peer = await db.FederationPeers.FirstOrDefaultAsync(p => p.PeerId == command.PeerId, ct);
        if (peer is null)
        {
            peer = new FederationPeerRow { PeerId = command.PeerId, BaseUrl = "", Areas = "", PublicKey = command.PublicKey, AddedAt = clock.GetUtcNow() };
            db.FederationPeers.Add(peer);
        }

        (peer.BaseUrl, peer.Areas, peer.PublicKey) = (url.ToString().TrimEnd('/'), string.Join(',', areas), command.PublicKey.ToUpperInvariant());
        return FederationDirectory.View(peer);
    }
}

public sealed record ListFederationPeers;

public sealed class ListFederationPeersHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<FederationPeerView>> HandleAsync(ListFederationPeers command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return [.. (await db.FederationPeers.AsNoTracking().OrderBy(p => p.PeerId).ToListAsync(ct)).Select(FederationDirectory.View)];
    }
}

/// <summary>A peer sends its new public key, signed with its old one: the old one still verifies for the grace period.</summary>
public sealed record AcceptPeerKey(string PeerId, string PublicKey);

public sealed class AcceptPeerKeyHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(AcceptPeerKey command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!FederationKeys.IsPublicKey(command.PublicKey))
        {
            return FederationErrors.Invalid.With("The public key is an SM2 point in hex (130 digits).");
        }

        var peer = await db.FederationPeers.FirstOrDefaultAsync(p => p.PeerId == command.PeerId, ct);
        if (peer is null)
        {
            return FederationErrors.PeerNotFound.With($"No peer {command.PeerId}.");
        }

        if (!string.Equals(peer.PublicKey, command.PublicKey, StringComparison.OrdinalIgnoreCase))
        {
            (peer.PreviousPublicKey, peer.PublicKey, peer.RotatedAt) = (peer.PublicKey, command.PublicKey.ToUpperInvariant(), clock.GetUtcNow());
            db.Record(clock.GetUtcNow(), command.PeerId, "federation.key", "peer", command.PeerId, "key rotated");
        }

        return true;
    }
}

/// <summary>The directory as the hub keeps it: which node serves an area.</summary>
public static class FederationDirectory
{
    public static FederationPeerView View(FederationPeerRow p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.PeerId, p.BaseUrl, p.Areas.Split(',', StringSplitOptions.RemoveEmptyEntries), p.PublicKey, p.RotatedAt);
    }

    /// <summary>The node serving <paramref name="area"/>; null when none does.</summary>
    public static async Task<string?> NodeForAsync(YibaoDbContext db, string area, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var nodes = await db.FederationPeers.AsNoTracking().Where(p => p.PeerId != FederationOptions.HubRole).Select(p => new { p.PeerId, p.Areas }).ToListAsync(ct);
        return nodes.FirstOrDefault(n => n.Areas.Split(',').Contains(area))?.PeerId;
    }
}
