using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Application.Reference;

/// <summary>Publishes a new version of an area's catalogue; earlier versions stay for the settlements that used them. Answers the version.</summary>
public sealed record PublishCatalogue(string Area, IReadOnlyCollection<CatalogueEntry> Entries, string Actor);

public sealed class PublishCatalogueHandler(YibaoDbContext db, TimeProvider clock)
{
    /// <summary>Publishes a new version of an area's catalogue; earlier versions stay for the settlements that used them.</summary>
    public async Task<Result<int>> HandleAsync(PublishCatalogue command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (area, entries) = (command.Area, command.Entries);
        if (!await ReferenceAccess.AreaExistsAsync(db, area, cancellationToken))
        {
            return ReferenceErrors.UnknownArea(area);
        }

        var latest = await db.CatalogueVersions.Where(v => v.Area == area).MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
        var version = new CatalogueVersionRow { Area = area, Version = latest + 1, LoadedAt = clock.GetUtcNow() };
        version.Entries.AddRange(new Catalogue(entries).Entries.Select(e => e.ToRow(0)));
        db.CatalogueVersions.Add(version);
        db.Record(clock.GetUtcNow(), command.Actor, "catalogue.publish", "catalogue", $"{area}/{version.Version}", $"{version.Entries.Count} entries");
        return version.Version;
    }
}
