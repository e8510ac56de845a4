using Yibao.Domain;

namespace Yibao.Application.Federation;

/// <summary>The refusals of federation: between nodes and the hub, and what an institution sees of them.</summary>
public static class FederationErrors
{
    /// <summary>The insured person's node (or the hub on the way) did not answer: nothing was settled.</summary>
    public static readonly ErrorCode InsuredNodeUnavailable = new("insured_node_unavailable", ErrorKind.Unavailable);

    /// <summary>A federation request is not signed by a peer this process knows, or its signature or time is wrong.</summary>
    public static readonly ErrorCode Unauthenticated = new("federation_unauthenticated", ErrorKind.Unauthenticated);

    /// <summary>No node of the directory serves the area, or no peer has the id.</summary>
    public static readonly ErrorCode PeerNotFound = new("federation_peer_not_found", ErrorKind.NotFound);

    /// <summary>The message was resolved as not having taken effect: it cannot be applied any more.</summary>
    public static readonly ErrorCode MessageAborted = new("federation_message_aborted", ErrorKind.Conflict);

    /// <summary>A federation message or peer is malformed.</summary>
    public static readonly ErrorCode Invalid = new("federation_invalid", ErrorKind.Invalid);

    /// <summary>This process has no federation role, or not the one the request needs.</summary>
    public static readonly ErrorCode NotConfigured = new("federation_not_configured", ErrorKind.Refused);

    public static DomainError Unavailable(string node) =>
        InsuredNodeUnavailable.With($"The insured person's node ({node}) cannot be reached through the hub; nothing was settled. Try again later.");
}
