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
        var history = new Option<bool>("--history") { Description = $"Also generate months of settlements for {SeedDemoHistory.People:N0} more insured people (deterministic), for the console's dashboard and the what-if simulator" };
        var months = new Option<int>("--months") { Description = "How many months of history, within the current year", DefaultValueFactory = _ => 3 };
        var command = new Command("seed", "Load the built-in demo data set (areas, policies, catalogues, institutions, persons)") { history, months };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct, create: true);
            var console = CliConsole.Create(parse.InvocationConfiguration.Error);
            var loaded = await console.Status()
                .StartAsync("Loading the demo data set (areas, policies, catalogues, institutions, persons)…", _ => cli.Use<SeedDemoWorldHandler>().HandleAsync(new SeedDemoWorld(), ct));
            if (!loaded.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(loaded.Error.ToString());
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"Loaded {loaded.Value}.");
            if (!parse.GetValue(history))
            {
                return 0;
            }

            Domain.Result<int> made = default!;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("days of history", maxValue: Math.Max(1, parse.GetValue(months) * 31));
                    made = await cli.Use<SeedDemoHistoryHandler>().HandleAsync(new SeedDemoHistory(parse.GetValue(months), new SynchronousProgress(days => task.Value = days)), ct);
                    task.Value = task.MaxValue;
                });
            if (!made.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(made.Error.ToString());
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"Generated {made.Value:N0} settlements of history.");
            return 0;
        });
        return command;
    }
}
