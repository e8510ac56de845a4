using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Application.Reference;

internal static class ReferenceAccess
{
    /// <summary>Whether an area is registered, or staged in this unit of work.</summary>
    public static async Task<bool> AreaExistsAsync(YibaoDbContext db, string area, CancellationToken cancellationToken) =>
        db.Areas.Local.Any(a => a.Admdvs == area) || await db.Areas.AnyAsync(a => a.Admdvs == area, cancellationToken);
}
