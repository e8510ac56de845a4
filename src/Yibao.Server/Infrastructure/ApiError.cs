using Yibao.Domain;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// A refusal as the API reports it: an HTTP status and a stable machine-readable code, sent as
/// problem+json with the code in <c>code</c> (and in <c>type</c> as <c>urn:yibao:error:CODE</c>).
/// </summary>
internal sealed record ApiError(int Status, string Code, string Detail, IDictionary<string, string[]>? Errors = null)
{
    /// <summary>A refusal of a use case, in the native API's form.</summary>
    public static ApiError From(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ApiError(StatusOf(error.Kind), error.Code, error.Message);
    }

    /// <summary>A read's answer: 200 with the value's body, or the refusal as problem+json.</summary>
    public static IResult Answer<T>(Result<T> result, Func<T, object> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return result.IsSuccess ? Results.Ok(body(result.Value)) : From(result.Error).ToResult();
    }

    /// <summary>The native API's one table from error kind to HTTP status.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => 400,
        ErrorKind.Unauthenticated => 401,
        ErrorKind.Forbidden => 403,
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.Refused => 422,
        ErrorKind.Unavailable => 502,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public IResult ToResult() => Results.Problem(
        statusCode: Status,
        title: Title,
        detail: Detail,
        type: $"urn:yibao:error:{Code}",
        extensions: Errors is null
            ? new Dictionary<string, object?> { ["code"] = Code }
            : new Dictionary<string, object?> { ["code"] = Code, ["errors"] = Errors });

    private string Title => Status switch
    {
        400 => "The request is malformed or invalid.",
        401 => "The request is not authenticated.",
        403 => "The request is not allowed.",
        404 => "Not found.",
        409 => "The request conflicts with the current state.",
        422 => "The request was refused.",
        502 => "An upstream service failed.",
        _ => "Error.",
    };
}
