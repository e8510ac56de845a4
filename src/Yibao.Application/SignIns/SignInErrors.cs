using Yibao.Domain;

namespace Yibao.Application.SignIns;

/// <summary>The refusals of operators' sign-in.</summary>
public static class SignInErrors
{
    public static readonly ErrorCode NotSignedIn = new("not_signed_in", ErrorKind.Refused);
}
