using Microsoft.EntityFrameworkCore;
using Yibao.Application.Reference;
using Yibao.Domain.Codes;
using Yibao.Storage.Reference;
using Yibao.Testing;

namespace Yibao.Application.Tests.Reference;

public sealed class CatalogueVersionTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task CompareCatalogueVersionsAndListCatalogueVersions_ANewVersion_ShowsWhatWasAddedRemovedAndChanged(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var current = await app.ReadAsync(s => s.Db.CatalogueEntries.Where(e => s.Db.CatalogueVersions.Any(v => v.Id == e.VersionId && v.Area == "330100" && v.Version == 1)).ToListAsync());
        var next = current.Select(e => e.ToDomain()).Where(e => e.Code != "ZZ0001")
            .Select(e => e.Code == "110200001" ? e with { PriceCap = 30m } : e)
            .Append(new Domain.Catalogues.CatalogueEntry("XN02BEA001A001", "Paracetamol", ItemKind.Drug, CatalogueClass.A, 0m, null)).ToList();
        (await app.CommitAsync(s => s.Use<PublishCatalogueHandler>().HandleAsync(new PublishCatalogue("330100", next, "test"), default))).Ok();

        var versions = await app.ReadAsync(s => s.Use<ListCatalogueVersionsHandler>().HandleAsync(new ListCatalogueVersions(), default));
        var compared = (await app.ReadAsync(s => s.Use<CompareCatalogueVersionsHandler>().HandleAsync(new CompareCatalogueVersions("330100", 1, 2), default))).Ok();
        var missing = await app.ReadAsync(s => s.Use<CompareCatalogueVersionsHandler>().HandleAsync(new CompareCatalogueVersions("330100", 1, 3), default));

        Assert.Equal([(2, current.Count), (1, current.Count)], versions.Where(v => v.Area == "330100").Select(v => (v.Version, v.Entries)));
        Assert.Equal((1, 1, 1), (compared.Added, compared.Removed, compared.Changed));
        Assert.Equal(["110200001 changed", "XN02BEA001A001 added", "ZZ0001 removed"], compared.Changes.Select(c => $"{c.Code} {c.Kind}"));
        Assert.Contains("cap 25", compared.Changes[0].Left, StringComparison.Ordinal);
        Assert.Contains("cap 30", compared.Changes[0].Right, StringComparison.Ordinal);
        Assert.Equal("catalogue_version_not_found", missing.Refusal());
    }
}
