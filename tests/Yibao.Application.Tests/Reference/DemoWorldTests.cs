using Yibao.Testing;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Application.Reference;
using Yibao.Storage.Reference;

namespace Yibao.Application.Tests.Reference;

public sealed class DemoWorldTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SeedDemoWorld_FreshDatabase_LoadsEveryPartOfTheWorld(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider, seed: false);
        await using var scope = app.Scope();
        var db = scope.Db;
        Assert.True(await DemoWorld.IsEmptyAsync(db, default));

        var loaded = await scope.Use<SeedDemoWorldHandler>().HandleAsync(new SeedDemoWorld(), default);

        Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        Assert.False(await DemoWorld.IsEmptyAsync(db, default));
        Assert.Equal(2, await db.Areas.CountAsync());
        Assert.Equal(4, await db.Policies.CountAsync());
        Assert.Equal(7, await db.Institutions.CountAsync());
        Assert.Equal(6, await db.Persons.CountAsync());
        Assert.Equal(6, await db.PersonalAccounts.CountAsync());
        var internet = await db.Institutions.SingleAsync(i => i.FixmedinsCode == "H33010000002");
        Assert.Equal("H33010000001", internet.ReliesOn);
        var liNa = await db.Persons.Include(p => p.Filings).Include(p => p.Chronic).SingleAsync(p => p.PsnNo == "3301000000000002");
        Assert.Equal("longTerm", Assert.Single(liNa.Filings).Type);
        Assert.Equal("E11", Assert.Single(liNa.Chronic).Disease);
        Assert.Equal(3000m, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == "3301000000000002")).Balance);
        Assert.True(await db.AuditLog.CountAsync() >= 15);
        Assert.Contains("6 persons imported", await db.AuditLog.Where(a => a.Action == "person.import").Select(a => a.Detail).SingleAsync(), StringComparison.Ordinal);
        Assert.Equal(7, await db.GatewayCredentials.CountAsync(c => c.IsDemo));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SeedDemoWorld_Twice_ReplacesInPlaceAndVersionsTheCatalogues(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using (var scope = app.Scope())
        {
            var again = await scope.Use<SeedDemoWorldHandler>().HandleAsync(new SeedDemoWorld(), default);
            Assert.True(again.IsSuccess, again.Error?.ToString());
        }

        await using var check = app.Storage.CreateContext();
        Assert.Equal(6, await check.Persons.CountAsync());
        Assert.Equal(2, (await check.Policies.FirstAsync()).Revision);
        Assert.Equal(2, await check.CatalogueVersions.Where(v => v.Area == "330100").MaxAsync(v => v.Version));
        Assert.Equal(1, await check.ChronicRegistrations.CountAsync(c => c.PsnNo == "3301000000000001"));
    }
}
