using Microsoft.EntityFrameworkCore;
using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Reference;

/// <summary>The agency's loads of reference data, on a real database of each provider.</summary>
public sealed class ReferenceLoadTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task LoadAreas_NewAndExisting_UpsertsBoth(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var loaded = await app.CommitAsync(s => s.Use<LoadAreasHandler>().HandleAsync(new LoadAreas([new Area("990100", "Test City", "990000"), new Area("330100", "杭州", "330000")], "test"), default));

        Assert.Equal(2, loaded.Ok());
        Assert.Equal(3, await app.ReadAsync(s => s.Db.Areas.CountAsync()));
        Assert.Equal("杭州", await app.ReadAsync(s => s.Db.Areas.Where(a => a.Admdvs == "330100").Select(a => a.Name).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task LoadPolicies_AReplacement_BumpsTheRevision(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var policy = PolicyJson.ReadMany(DemoWorld.Read("policies.json")).Value.First(p => p.Area == "330100" && p.Year == 2026);

        var loaded = await app.CommitAsync(s => s.Use<LoadPoliciesHandler>().HandleAsync(new LoadPolicies([policy], "test"), default));
        var unknown = await app.CommitAsync(s => s.Use<LoadPoliciesHandler>().HandleAsync(new LoadPolicies([new Domain.Policies.Policy("990100", policy.Insutype, 2026, policy.MaxRatio, policy.Benefits.ToDictionary(), policy.CrossRegion)], "test"), default));

        Assert.Equal(1, loaded.Ok());
        Assert.True(await app.ReadAsync(s => s.Db.Policies.AnyAsync(p => p.Area == "330100" && p.Insutype == policy.Insutype && p.Year == 2026 && p.Revision == 2)));
        Assert.Equal("unknown_area", unknown.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task PublishCatalogue_ANewVersion_KeepsTheOldOne(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var version = await app.CommitAsync(s => s.Use<PublishCatalogueHandler>().HandleAsync(
            new PublishCatalogue("330100", [new CatalogueEntry("NEW001", "New drug", ItemKind.Drug, CatalogueClass.A, 0m, null)], "test"), default));

        Assert.Equal(2, version.Ok());
        Assert.Equal(2, await app.ReadAsync(s => s.Db.CatalogueVersions.CountAsync(v => v.Area == "330100")));
        Assert.Equal("unknown_area", (await app.CommitAsync(s => s.Use<PublishCatalogueHandler>().HandleAsync(new PublishCatalogue("990100", [], "test"), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task LoadPriceList_AValidDocument_BumpsTheRevision(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var revision = await app.CommitAsync(s => s.Use<LoadPriceListHandler>().HandleAsync(new LoadPriceList(DemoWorld.Read("internet-plus-prices-330100.json"), "test"), default));
        var malformed = await app.CommitAsync(s => s.Use<LoadPriceListHandler>().HandleAsync(new LoadPriceList("{", "test"), default));

        Assert.Equal(2, revision.Ok());
        Assert.Equal("malformed_document", malformed.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task LoadInstitutions_AnInternetHospital_MustRelyOnAPhysicalOne(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        Task<Result<int>> Load(Institution institution) => app.CommitAsync(s => s.Use<LoadInstitutionsHandler>().HandleAsync(new LoadInstitutions([institution], "test"), default));

        Assert.Equal(1, (await Load(new Institution("I33010000009", "Platform", "330100", InstitutionKind.Internet, 1, Hospital))).Ok());
        Assert.Equal("invalid_relies_on", (await Load(new Institution("I33010000008", "Platform", "330100", InstitutionKind.Internet, 1, InternetHospital))).Refusal());
        Assert.Equal("unknown_area", (await Load(new Institution("H99010000001", "Far", "990100", InstitutionKind.Physical, 2, null))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ImportPersons_InsideACallersUnitOfWork_ReloadKeepsTheBalanceAndAConflictCommitsNothing(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await app.SettleAsync(await app.OpenVisitAsync());
        var balance = await app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == ZhangWei).Select(a => a.Balance).SingleAsync());
        var zhang = WorldJson.ReadPersons(DemoWorld.Read("persons.json")).Value.Single(p => p.PsnNo == ZhangWei);

        var reloaded = await app.CommitAsync(s => s.Use<ImportPersonsHandler>().HandleAsync(new ImportPersons(PersonFiles.FromDocument([zhang with { Name = "Zhang Wei (renamed)" }]), true, false, "test"), default));
        var duplicate = await app.CommitAsync(s => s.Use<ImportPersonsHandler>().HandleAsync(new ImportPersons(PersonFiles.FromDocument([zhang with { PsnNo = "3301000000000099" }]), true, false, "test"), default));

        Assert.Equal(1, reloaded.Ok().Imported);
        Assert.Equal(balance, await app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == ZhangWei).Select(a => a.Balance).SingleAsync()));
        Assert.Equal("Zhang Wei (renamed)", await app.ReadAsync(s => s.Db.Persons.Where(p => p.PsnNo == ZhangWei).Select(p => p.Name).SingleAsync()));
        Assert.Equal("import_rejected", duplicate.Refusal());
        Assert.Contains("belongs to another person", duplicate.Error!.Message, StringComparison.Ordinal);
        Assert.False(await app.ReadAsync(s => s.Db.Persons.AnyAsync(p => p.PsnNo == "3301000000000099")));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task QueryCatalogue_Pages_CountAllAndServeOnePage(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        Task<Result<CataloguePage>> Query(QueryCatalogue query) => app.ReadAsync(s => s.Use<QueryCatalogueHandler>().HandleAsync(query, default));

        var first = (await Query(new QueryCatalogue("330100", 1, 5))).Ok();
        var last = (await Query(new QueryCatalogue("330100", 3, 5))).Ok();
        var one = (await Query(new QueryCatalogue("330100", 1, 5, "ZZ0001"))).Ok();
        var unchanged = (await Query(new QueryCatalogue("330100", 1, 5, UpdatedSince: DateTimeOffset.UtcNow.AddDays(1)))).Ok();

        Assert.Equal((12, 5), (first.Total, first.Entries.Count));
        Assert.Equal(2, last.Entries.Count);
        Assert.Equal("ZZ0001", Assert.Single(one.Entries).Code);
        Assert.Empty(unchanged.Entries);
        Assert.Equal("invalid_page", (await Query(new QueryCatalogue("330100", 0, 5))).Refusal());
        Assert.Equal("catalogue_not_found", (await Query(new QueryCatalogue("990100", 1, 5))).Refusal());
    }
}
