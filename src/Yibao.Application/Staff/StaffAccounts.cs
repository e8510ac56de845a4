using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Staff;

/// <summary>ASP.NET Core Identity for the agency's staff, on the platform's own database.</summary>
public static class StaffAccounts
{
    public const int MaxFailedAccessAttempts = 5;

    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>Identity's user and role managers over <see cref="YibaoDbContext"/>; a web host adds its sign-in manager to the builder.</summary>
    public static IdentityBuilder AddStaffAccounts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutTime;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<YibaoDbContext>()
            .AddTokenProvider<AuthenticatorTokenProvider<StaffUser>>(TokenOptions.DefaultAuthenticatorProvider);
    }

    /// <summary>Stages the roles that do not exist yet.</summary>
    internal static async Task EnsureRolesAsync(YibaoDbContext db, CancellationToken ct)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in StaffRoles.All.Except(existing.OfType<string>(), StringComparer.Ordinal))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = StaffRoles.Normalize(role), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }
    }
}
