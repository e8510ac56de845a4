namespace Yibao.Server.Infrastructure;

/// <summary>An error of the HTTP door itself (the transport, not a use case), with its fixed status.</summary>
internal sealed record HttpErrorCode(string Code, int Status)
{
    public ApiError With(string detail, IDictionary<string, string[]>? errors = null) => new(Status, Code, detail, errors);
}

/// <summary>
/// The native API's own errors: malformed requests, missing message ids, the framework's statuses,
/// callers it does not admit. A use case's refusals come as <see cref="Domain.DomainError"/>s instead
/// and take their status from their kind (<see cref="ApiError.StatusOf"/>).
/// </summary>
internal static class HttpErrors
{
    public static readonly HttpErrorCode ValidationFailed = new("validation_failed", 400);
    public static readonly HttpErrorCode MalformedRequest = new("malformed_request", 400);
    public static readonly HttpErrorCode MsgidRequired = new("msgid_required", 400);
    public static readonly HttpErrorCode CallbackSignatureInvalid = new("callback_signature_invalid", 401);
    public static readonly HttpErrorCode Unauthenticated = new("unauthenticated", 401);
    public static readonly HttpErrorCode StaffUnauthenticated = new("staff_unauthenticated", 401);
    public static readonly HttpErrorCode StaffSignInFailed = new("staff_sign_in_failed", 401);
    public static readonly HttpErrorCode TotpRequired = new("totp_required", 401);
    public static readonly HttpErrorCode InstitutionForbidden = new("institution_forbidden", 403);
    public static readonly HttpErrorCode StaffRoleRequired = new("staff_role_required", 403);
    public static readonly HttpErrorCode StaffLockedOut = new("staff_locked_out", 403);
    public static readonly HttpErrorCode NotFound = new("not_found", 404);
    public static readonly HttpErrorCode UnknownProvider = new("unknown_provider", 404);
    public static readonly HttpErrorCode MethodNotAllowed = new("method_not_allowed", 405);
    public static readonly HttpErrorCode MsgidReused = new("msgid_reused", 409);
    public static readonly HttpErrorCode TotpAlreadyOn = new("totp_already_on", 409);
    public static readonly HttpErrorCode DocumentTooLarge = new("document_too_large", 413);
    public static readonly HttpErrorCode UnsupportedMediaType = new("unsupported_media_type", 415);
    public static readonly HttpErrorCode RateLimited = new("rate_limited", 429);
    public static readonly HttpErrorCode RequestCancelled = new("request_cancelled", 499);
    public static readonly HttpErrorCode InternalError = new("internal_error", 500);
    public static readonly HttpErrorCode DatabaseUnavailable = new("database_unavailable", 503);
}
