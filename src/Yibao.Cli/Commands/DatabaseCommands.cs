using System.CommandLine;
using Yibao.Application.Reference;

namespace Yibao.Cli.Commands;

/// <summary><c>yibao migrate</c> and <c>yibao seed</c>: the same database the server uses, chosen the same way.</summary>
internal static class DatabaseCommands
{
    private static Option<string?> ConnectionOption() => new("--connection", "-c")
    {
        Description = "Connection string: Host=… for PostgreSQL, Data Source=FILE for SQLite. Default: $YIBAO_CONNECTION, else data/yibao.db",
    };

    public static Command CreateMigrate()
    {
        var connection = ConnectionOption();
        var command = new Command("migrate", "Create or upgrade the database schema (never drops data)") { connection };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse.GetValue(connection), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{cli.Storage.Provider} schema is up to date.");
            return 0;
        });
        return command;
    }

    public static Command CreateSeed()
    {
        var connection = ConnectionOption();
        var command = new Command("seed", "Load the built-in demo data set (areas, policies, catalogues, institutions, persons)") { connection };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse.GetValue(connection), ct);
            var loaded = await cli.Use<SeedDemoWorldHandler>().HandleAsync(new SeedDemoWorld(), ct);
            if (!loaded.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(loaded.Error.ToString());
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"Loaded {loaded.Value}.");
            return 0;
        });
        return command;
    }
}
