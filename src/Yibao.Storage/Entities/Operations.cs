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
