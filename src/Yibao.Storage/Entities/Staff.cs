using Microsoft.AspNetCore.Identity;

namespace Yibao.Storage.Entities;

/// <summary>An agency staff account (ASP.NET Core Identity): hashed password, lockout, optional TOTP, roles.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
