using Yibao.Testing;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Cli.Tests.Commands;

public sealed class DatabaseCommandsTests
{
    [Fact]
    public async Task Seed_FreshSqliteFile_MigratesAndLoadsTheDemoWorld()
    {
        var file = Path.Combine(TestRun.File("cli", ""), "demo.db");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await YibaoCli.RunAsync(["seed", "--connection", $"Data Source={file}"], output, error);

        Assert.Equal(0, exit);
        Assert.Contains("6 persons", output.ToString(), StringComparison.Ordinal);
        await using var db = StorageOptions.FromConnectionString($"Data Source={file}").CreateContext();
        Assert.Equal(7, await db.Institutions.CountAsync());
    }

    [Fact]
    public async Task SeedHistory_AMonth_GeneratesSettlementsOnceAndSaysSoTheSecondTime()
    {
        var file = Path.Combine(TestRun.File("cli", ""), "history.db");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await YibaoCli.RunAsync(["seed", "--history", "--months", "1", "--connection", $"Data Source={file}"], output, TextWriter.Null);
        var again = await YibaoCli.RunAsync(["seed", "--history", "--months", "1", "--connection", $"Data Source={file}"], TextWriter.Null, error);

        Assert.Equal((0, 1), (exit, again));
        await using var db = StorageOptions.FromConnectionString($"Data Source={file}").CreateContext();
        var settlements = await db.Settlements.CountAsync();
        Assert.True(settlements > 1000, $"{settlements} settlements");
        Assert.Contains($"Generated {settlements:N0} settlements", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("demo_history_loaded", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_Twice_IsUpToDateAndChangesNothing()
    {
        var connection = $"Data Source={TestRun.File("cli", ".db")}";
        using var output = new StringWriter();

        Assert.Equal(0, await YibaoCli.RunAsync(["migrate", "-c", connection], output, TextWriter.Null));
        Assert.Equal(0, await YibaoCli.RunAsync(["migrate", "-c", connection], output, TextWriter.Null));

        Assert.Contains("is up to date.", output.ToString(), StringComparison.Ordinal);
        await using var db = StorageOptions.FromConnectionString(connection).CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Persons.CountAsync());
    }
}
