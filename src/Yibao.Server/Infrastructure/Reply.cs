using Yibao.Domain;

namespace Yibao.Server.Infrastructure;

/// <summary>What a write handler returns: a success body with its status, or a refusal.</summary>
internal readonly record struct Reply(int Status, object? Body, ApiError? Error)
{
    public static Reply Ok(object body) => new(200, body, null);

    public static Reply Created(object body) => new(201, body, null);

    /// <summary>A use case's result: its value as the body, or its refusal.</summary>
    public static Reply From<T>(Result<T> result, Func<T, object> body, int status = 200)
    {
        ArgumentNullException.ThrowIfNull(body);
        return result.IsSuccess ? new Reply(status, body(result.Value), null) : ApiError.From(result.Error);
    }

#pragma warning disable CA2225 // the conversion is the point: handlers return an ApiError as a Reply
    public static implicit operator Reply(ApiError error) => new(0, null, error);
#pragma warning restore CA2225
}
