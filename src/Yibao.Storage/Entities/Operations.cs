namespace Yibao.Storage.Entities;

/// <summary>Append-only record of every change: who, what, when. Never updated or deleted.</summary>
public sealed class AuditEntryRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public string? Detail { get; set; }
}

/// <summary>The stored response of a processed client message id, replayed on a repeat.</summary>
public sealed class ProcessedMessageRow
{
    public required string MsgId { get; set; }

    /// <summary>Hash of method, path and body: the same id with another request is refused.</summary>
    public required string Fingerprint { get; set; }

    public int StatusCode { get; set; }
    public required string ResponseBody { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}

/// <summary>
/// One read of a person's record by an institution or a staff member: who, whose, when, through
/// which door. Append-only, like the audit log; written in the unit of work of the read.
/// </summary>
public sealed class PersonAccessRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary><c>institution</c> or <c>staff</c>.</summary>
    public required string ActorKind { get; set; }

    /// <summary>The institution's code, or the staff member's user name.</summary>
    public required string Actor { get; set; }

    public required string PsnNo { get; set; }

    /// <summary>The door: <c>native</c>, <c>gateway</c>, <c>admin</c>, <c>console</c>.</summary>
    public required string Door { get; set; }

    /// <summary>What was read, e.g. <c>person</c> (1101) or <c>settlements</c>.</summary>
    public required string Purpose { get; set; }
}
