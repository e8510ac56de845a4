using Microsoft.AspNetCore.Identity;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Staff;

/// <summary>
/// Turns a staff member's TOTP off and forgets its key, and lifts a lockout (<c>yibao staff
/// reset-totp</c>): for a lost authenticator. The member sets TOTP up again after signing in.
/// </summary>
public sealed record ResetStaffSecondFactor(string UserName, string Actor = "cli");

public sealed class ResetStaffSecondFactorHandler(YibaoDbContext db, WriteGate gate, UserManager<StaffUser> users, TimeProvider clock)
{
    public async Task<Result<StaffAccount>> HandleAsync(ResetStaffSecondFactor command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await db.InTransactionAsync<StaffAccount>(gate, async () =>
        {
            if (await users.FindByNameAsync(command.UserName) is not { } user)
            {
                return StaffErrors.NotFound.With($"There is no staff account named {command.UserName}.");
            }

            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            db.Record(clock.GetUtcNow(), command.Actor, "staff.reset-totp", "staff", command.UserName);
            return new StaffAccount(user.UserName!, user.DisplayName, [.. await users.GetRolesAsync(user)], false, null);
        }, ct);
    }
}
