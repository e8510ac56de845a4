using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Interchange;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Reference;

/// <summary>A page of an area's current catalogue (1312), optionally one code; nothing when it has not changed since <paramref name="UpdatedSince"/>.</summary>
public sealed record QueryCatalogue(string Area, int PageNum, int PageSize, string? Code = null, DateTimeOffset? UpdatedSince = null);

/// <summary>One page, with the version it is from and the count of all matching entries.</summary>
public sealed record CataloguePage(CatalogueVersionRow Version, IReadOnlyList<CatalogueEntryRow> Entries, int Total);

public sealed class QueryCatalogueHandler(YibaoDbContext db)
{
    public async Task<Result<CataloguePage>> HandleAsync(QueryCatalogue command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.PageNum < 1 || command.PageSize is < 1 or > 1000)
        {
            return ReferenceErrors.InvalidPage.With("page_num starts at 1; page_size is 1 to 1000.");
        }

        var version = await db.CatalogueVersions.AsNoTracking().Where(v => v.Area == command.Area).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return SettlementErrors.CatalogueNotFound(command.Area);
        }

        if (command.UpdatedSince > version.LoadedAt)
        {
            return new CataloguePage(version, [], 0);
        }

        var entries = db.CatalogueEntries.AsNoTracking().Where(e => e.VersionId == version.Id && (command.Code == null || e.Code == command.Code));
        var total = await entries.CountAsync(ct);
        var page = await entries.OrderBy(e => e.Code).Skip((command.PageNum - 1) * command.PageSize).Take(command.PageSize).ToListAsync(ct);
        return new CataloguePage(version, page, total);
    }
}
