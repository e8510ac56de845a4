using Yibao.Domain;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// A refusal as the API reports it: an HTTP status and a stable machine-readable code, sent as
/// problem+json with the code in <c>code</c> (and in <c>type</c> as <c>urn:yibao:error:CODE</c>).
/// </summary>
internal sealed record ApiError(int Status, string Code, string Detail, IDictionary<string, string[]>? Errors = null)
{
    public static ApiError Validation(string detail, IDictionary<string, string[]>? errors = null) => new(400, "validation_failed", detail, errors);

    public static ApiError NotFound(string code, string detail) => new(404, code, detail);

    public static ApiError Conflict(string code, string detail) => new(409, code, detail);

    /// <summary>A business refusal from the domain: the request was understood and refused.</summary>
    public static ApiError From(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ApiError(StatusFor(error.Code), error.Code, error.Message);
    }

    private static int StatusFor(string code) => code switch
    {
        "malformed_document" or "invalid_policy" or "invalid_catalogue" or "invalid_person" => 400,
        "unknown_area" or "invalid_relies_on" => 422,
        "duplicate_certno" => 409,
        _ => 422,
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
