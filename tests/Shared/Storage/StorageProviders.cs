using Yibao.Storage;
using Yibao.Testing;

namespace Yibao.Testing;

/// <summary>Fresh, migrated databases of each provider for the storage tests.</summary>
public static class StorageProviders
{
    public static TheoryData<string> Names => new() { "sqlite", "postgres" };

    public static async Task<StorageOptions> CreateAsync(string provider)
    {
        var options = provider == "postgres"
            ? StorageOptions.FromConnectionString(await PostgresServer.CreateDatabaseAsync("storage"))
            : StorageOptions.FromConnectionString($"Data Source={TestRun.File("storage", ".db")}");
        await using var db = options.CreateContext();
        await db.MigrateAsync();
        return options;
    }
}
