using Yibao.Domain;

namespace Yibao.Application.Credentials;

/// <summary>The refusals of credential administration.</summary>
public static class CredentialErrors
{
    public static readonly ErrorCode PaasidTaken = new("paasid_taken", ErrorKind.Conflict);
    public static readonly ErrorCode NotFound = new("credential_not_found", ErrorKind.NotFound);
}
