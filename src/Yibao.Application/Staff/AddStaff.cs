using Microsoft.AspNetCore.Identity;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Staff;

/// <summary>Creates a staff account with its roles (<c>yibao staff add</c>); the password is stored hashed only.</summary>
public sealed record AddStaff(string UserName, string Password, IReadOnlyList<string> Roles, string? DisplayName = null, string Actor = "cli");

public sealed record StaffAccount(string UserName, string DisplayName, IReadOnlyList<string> Roles, bool TwoFactorEnabled, DateTimeOffset? LockedOutUntil);

public sealed class AddStaffHandler(YibaoDbContext db, WriteGate gate, UserManager<StaffUser> users, TimeProvider clock)
{
    public async Task<Result<StaffAccount>> HandleAsync(AddStaff command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var roles = command.Roles.Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0 || !roles.All(StaffRoles.IsKnown))
        {
            return StaffErrors.UnknownRole.With($"Give one or more roles of: {string.Join(", ", StaffRoles.All)}.");
        }

        return await db.InTransactionAsync<StaffAccount>(gate, async () =>
        {
            if (await users.FindByNameAsync(command.UserName) is not null)
            {
                return StaffErrors.UserNameTaken.With($"A staff account named {command.UserName} exists already.");
            }

            await StaffAccounts.EnsureRolesAsync(db, ct);
            await db.SaveChangesAsync(ct);
            var user = new StaffUser { UserName = command.UserName, DisplayName = command.DisplayName ?? command.UserName, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(user, command.Password);
            if (!created.Succeeded)
            {
                var code = created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? StaffErrors.PasswordRejected : StaffErrors.InvalidUserName;
                return code.With(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            var added = await users.AddToRolesAsync(user, roles);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException("roles could not be given: " + string.Join(" ", added.Errors.Select(e => e.Description)));
            }

            db.Record(clock.GetUtcNow(), command.Actor, "staff.add", "staff", command.UserName, "roles: " + string.Join(",", roles));
            return new StaffAccount(user.UserName, user.DisplayName, roles, false, null);
        }, ct);
    }
}
