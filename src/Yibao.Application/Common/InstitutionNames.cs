using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Application;

/// <summary>The names of institutions by code, for pages that show them.</summary>
public sealed record GetInstitutionNames(IReadOnlyCollection<string> Codes);

public sealed class GetInstitutionNamesHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyDictionary<string, string>> HandleAsync(GetInstitutionNames command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var wanted = command.Codes.Distinct().ToList();
        return await db.Institutions.AsNoTracking().Where(i => wanted.Contains(i.FixmedinsCode)).ToDictionaryAsync(i => i.FixmedinsCode, i => i.Name, ct);
    }
}
