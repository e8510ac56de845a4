using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;

namespace Yibao.Application.Federation;

/// <summary>
/// The hub routes a node's message to the node serving an area (<paramref name="Area"/>), or to a
/// named node (<paramref name="Node"/>): the body travels untouched, re-signed by the hub with the
/// origin named, and the node's answer comes back as it was given.
/// </summary>
public sealed record RouteMessage(string? Area, string? Node, string Operation, string Body, string Origin);

public sealed class RouteMessageHandler(YibaoDbContext db, FederationClient client, HubJournal journal)
{
    /// <summary>The operations a node serves to others, through the hub.</summary>
    public static readonly IReadOnlySet<string> Operations = new HashSet<string>(StringComparer.Ordinal)
    {
        "persons/find", "ledger", "claims/adjudicate", "claims/cancel", "claims/restore", "entries/aborted", "decisions", "ecert/decode",
    };

    public async Task<Result<string>> HandleAsync(RouteMessage command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!Operations.Contains(command.Operation))
        {
            return FederationErrors.Invalid.With($"No federation operation {command.Operation}.");
        }

        // A node named but not in the directory is refused by the call itself (its peer row is read there).
        var node = command.Node ?? (command.Area is { } area ? await FederationDirectory.NodeForAsync(db, area, ct) : null);
        if (node is null or FederationOptions.HubRole)
        {
            return FederationErrors.PeerNotFound.With($"No node of the directory serves {command.Area ?? command.Node}.");
        }

        var reply = await client.SendRawAsync(node, "/federation/" + command.Operation, command.Body, command.Origin, node, ct);
        if (reply.IsSuccess)
        {
            await journal.RecordAsync(command, reply.Value, ct);
        }

        return reply;
    }
}

/// <summary>The hub looks a person up at every node but the asking one, when the asking node does not know their insured area.</summary>
public sealed record FindPersonAtNodes(string Body, string Origin);

public sealed class FindPersonAtNodesHandler(YibaoDbContext db, FederationClient client)
{
    public async Task<Result<string>> HandleAsync(FindPersonAtNodes command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var nodes = await db.FederationPeers.AsNoTracking().Where(p => p.PeerId != FederationOptions.HubRole && p.PeerId != command.Origin).OrderBy(p => p.PeerId).Select(p => p.PeerId).ToListAsync(ct);
        DomainError? unavailable = null;
        foreach (var node in nodes)
        {
            var answer = await client.SendRawAsync(node, "/federation/persons/find", command.Body, command.Origin, node, ct);
            if (!answer.IsSuccess)
            {
                unavailable ??= answer.Error;
                continue;
            }

            var reply = System.Text.Json.JsonSerializer.Deserialize<FederationReply<RemotePerson>>(answer.Value, FederationWire.Json);
            if (reply?.Value is not null)
            {
                return answer;
            }
        }

        return unavailable is { } error ? error : PersonErrors.NotFoundCode.With("No node knows this person.");
    }
}
