namespace Yibao.Domain;

/// <summary>What kind of refusal an error is. Each door has one table from kind to its own form.</summary>
public enum ErrorKind
{
    /// <summary>The request or document is malformed or fails validation.</summary>
    Invalid,

    /// <summary>What the request names does not exist, or is not the caller's to see.</summary>
    NotFound,

    /// <summary>The request conflicts with the current state: already done, already used, or raced.</summary>
    Conflict,

    /// <summary>Understood and well formed, but the rules refuse it.</summary>
    Refused,

    /// <summary>The caller is known but not allowed this.</summary>
    Forbidden,

    /// <summary>The caller is not authenticated, or a signature does not verify.</summary>
    Unauthenticated,

    /// <summary>A service the platform depends on (a payment provider, another node) failed; nothing changed.</summary>
    Unavailable,
}

/// <summary>A stable machine-readable error code and its kind, as a feature's catalogue declares it.</summary>
public sealed record ErrorCode(string Code, ErrorKind Kind)
{
    /// <summary>This error, with a message for people.</summary>
    public DomainError With(string message) => new(Code, message, Kind);
}

/// <summary>An expected refusal: a stable code, its kind and a message for people.</summary>
public sealed record DomainError(string Code, string Message, ErrorKind Kind)
{
    public override string ToString() => $"{Code}: {Message}";
}
