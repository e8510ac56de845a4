using Yibao.Domain;

namespace Yibao.Application.Staff;

/// <summary>The refusals of staff account administration.</summary>
public static class StaffErrors
{
    public static readonly ErrorCode UserNameTaken = new("staff_exists", ErrorKind.Conflict);
    public static readonly ErrorCode UnknownRole = new("unknown_role", ErrorKind.Invalid);
    public static readonly ErrorCode PasswordRejected = new("password_rejected", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidUserName = new("invalid_user_name", ErrorKind.Invalid);
    public static readonly ErrorCode NotFound = new("staff_not_found", ErrorKind.NotFound);
}
