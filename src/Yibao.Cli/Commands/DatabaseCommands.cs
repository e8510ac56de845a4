using System.CommandLine;
using Spectre.Console;
using Yibao.Application.Reference;

namespace Yibao.Cli.Commands;

/// <summary><c>yibao migrate</c> and <c>yibao seed</c>: the same database the server uses, chosen the same way.</summary>
internal static class DatabaseCommands
{
    public static Command CreateMigrate()
    {
        var command = new Command("migrate", "Create or upgrade the database schema (never drops data)");
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct, create: true);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"The schema of {cli.Storage.Describe()} is up to date.");
            return 0;
        });
        return command;
    }

    public static Command CreateSeed()
    {
        var command = new Command("seed", "Load the built-in demo data set (areas, policies, catalogues, institutions, persons)");
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct, create: true);
            var loaded = await CliConsole.Create(parse.InvocationConfiguration.Error).Status()
                .StartAsync("Loading the demo data set (areas, policies, catalogues, institutions, persons)…", _ => cli.Use<SeedDemoWorldHandler>().HandleAsync(new SeedDemoWorld(), ct));
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
