using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Yibao.Storage.Reference;
using Yibao.Testing;

namespace Yibao.Storage.Tests;

public sealed class DatabaseSetupTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task Model_ComparedWithItsMigrations_HasNoPendingChanges(string provider)
    {
        var options = await StorageProviders.CreateAsync(provider);
        await using var db = options.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add for both contexts");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigrateAsync_DatabaseAtFirstMigrationWithData_UpgradesKeepingEveryRow()
    {
        var options = StorageOptions.FromConnectionString(await PostgresServer.CreateDatabaseAsync("upgrade"));
        await using (var db = options.CreateContext())
        {
            var first = db.Database.GetMigrations().First();
            await db.GetService<IMigrator>().MigrateAsync(first);

            // Rows written as the first schema knew them, not through today's model.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO areas (admdvs, name, province) VALUES ('330100', 'Hangzhou', '330000');
                INSERT INTO persons (psn_no, name, gender, birthday, certno, insutype, area, retired)
                    VALUES ('3301000000000001', 'Zhang Wei', '1', DATE '1968-03-14', '330106196803140013', '310', '330100', false);
                INSERT INTO personal_accounts (psn_no, balance) VALUES ('3301000000000001', 800.00);
                """);
        }

        await using (var db = options.CreateContext())
        {
            await db.MigrateAsync();
            Assert.True(await DemoWorld.IsEmptyAsync(db, default) is false);
            var loaded = await DemoWorld.LoadAsync(db, TimeProvider.System, TestKeys.Protector, default);
            Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        }

        await using var check = options.CreateContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(6, await check.Persons.CountAsync());
        Assert.Equal(800m, (await check.PersonalAccounts.SingleAsync(a => a.PsnNo == "3301000000000001")).Balance);
    }

    [Fact]
    public void FromConnectionString_HostOrFile_ChoosesTheProvider()
    {
        Assert.Equal(DatabaseProvider.Postgres, StorageOptions.FromConnectionString("Host=127.0.0.1;Database=x").Provider);
        Assert.Equal(DatabaseProvider.Sqlite, StorageOptions.FromConnectionString("Data Source=x.db").Provider);
        var fallback = StorageOptions.FromConnectionString(null);
        Assert.Equal(DatabaseProvider.Sqlite, fallback.Provider);
        Assert.EndsWith(Path.Combine("data", "yibao.db"), fallback.ConnectionString, StringComparison.Ordinal);
    }
}
