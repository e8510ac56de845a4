namespace Yibao.Domain;

/// <summary>An expected business refusal, identified by a stable machine-readable code.</summary>
public sealed record DomainError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
