using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Application.Staff;

/// <summary>The staff accounts with their roles, by user name (<c>yibao staff list</c>).</summary>
public sealed record ListStaff;

public sealed class ListStaffHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<StaffAccount>> HandleAsync(ListStaff command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        return users.Select(u => new StaffAccount(
                u.UserName!,
                u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList(),
                u.TwoFactorEnabled,
                u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null))
            .ToList();
    }
}
