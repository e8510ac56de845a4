using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Staff;

/// <summary>
/// The demo data set's staff: one account per role, <c>demo.ROLE</c>, all with the password
/// <see cref="Password"/>. They exist only where the demo data set was loaded.
/// </summary>
public static class DemoStaff
{
    public const string Password = "Demo-staff-2026";

    public static string UserName(string role) => "demo." + role;

    // The password is hashed once per process (Identity's PBKDF2 costs tens of milliseconds on purpose),
    // with its own salt as ever; each demo account stores that hash.
    private static readonly Lazy<string> Hash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Password));

    /// <summary>Stages the roles and the demo accounts that do not exist yet.</summary>
    internal static async Task AddAsync(YibaoDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        await StaffAccounts.EnsureRolesAsync(db, ct);
        var roles = db.Roles.Local.Concat(await db.Roles.ToListAsync(ct)).DistinctBy(r => r.Id).ToDictionary(r => r.Name!, r => r.Id, StringComparer.Ordinal);
        var existing = await db.Users.Select(u => u.UserName).ToListAsync(ct);
        foreach (var role in StaffRoles.All.Where(r => !existing.Contains(UserName(r))))
        {
            var user = new StaffUser
            {
                UserName = UserName(role),
                NormalizedUserName = StaffRoles.Normalize(UserName(role)),
                DisplayName = $"Demo {role} officer",
                PasswordHash = Hash.Value,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = now,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
        }
    }
}
