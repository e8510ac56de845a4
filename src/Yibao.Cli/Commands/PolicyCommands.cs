using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Yibao.Application.Policies;
using Yibao.Domain.Simulation;

namespace Yibao.Cli.Commands;

/// <summary><c>yibao policy draft</c> and <c>yibao policy simulate</c>: the console's policy desk, for scripts and large runs.</summary>
internal static class PolicyCommands
{
    /// <summary>Who the CLI acts as, in the audit log.</summary>
    private const string Actor = "cli";

    public static Command Create() => new("policy", "Policy drafts and what-if simulations") { Draft(), Simulate() };

    private static Command Draft()
    {
        var area = new Option<string>("--area") { Description = "Insured area (admdvs)", Required = true };
        var insutype = new Option<string>("--insutype") { Description = "310 or 390", Required = true };
        var year = new Option<int>("--year") { Description = "Policy year", Required = true };
        var document = new Option<FileInfo?>("--document") { Description = "The draft's policy document (JSON, as PUT /api/admin/policies takes one policy); default: the policy in force" };
        var command = new Command("draft", "Start a draft from the policy in force, optionally replacing its document; prints the draft's id") { area, insutype, year, document };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var created = await cli.Use<CreatePolicyDraftHandler>().HandleAsync(new CreatePolicyDraft(parse.GetValue(area)!, parse.GetValue(insutype)!, parse.GetValue(year), Actor), ct);
            if (!created.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(created.Error.ToString());
                return 1;
            }

            if (parse.GetValue(document) is { } file)
            {
                var saved = await cli.Use<SavePolicyDraftHandler>().HandleAsync(new SavePolicyDraft(created.Value.Id, await File.ReadAllTextAsync(file.FullName, ct), Actor), ct);
                if (!saved.IsSuccess)
                {
                    // The draft itself was saved when created: close it, so that no half-made draft stays open.
                    await cli.Use<DiscardPolicyDraftHandler>().HandleAsync(new DiscardPolicyDraft(created.Value.Id, Actor), ct);
                    await cli.Db.SaveChangesAsync(ct);
                    await parse.InvocationConfiguration.Error.WriteLineAsync(saved.Error.ToString());
                    return 1;
                }
            }

            await cli.Db.SaveChangesAsync(ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(created.Value.Id.ToString(CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }

    private static Command Simulate()
    {
        var draft = new Option<long>("--draft") { Description = "The draft's id", Required = true };
        var from = new Option<string>("--from") { Description = "First settlement day, yyyy-MM-dd (within the draft's year)", Required = true };
        var to = new Option<string>("--to") { Description = "Last settlement day, yyyy-MM-dd", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("simulate", "Re-settle a past period under a draft and report the change to the fund, by benefit kind, person type and level") { draft, from, to, json };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryDate(parse.GetValue(from), out var first) || !TryDate(parse.GetValue(to), out var last))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("--from and --to are dates yyyy-MM-dd.");
                return 1;
            }

            await using var cli = await CliServices.OpenAsync(parse, ct);
            var started = await cli.Use<StartSimulationHandler>().HandleAsync(new StartSimulation(parse.GetValue(draft), first, last, Actor), ct);
            if (!started.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(started.Error.ToString());
                return 1;
            }

            await cli.Db.SaveChangesAsync(ct);
            var total = (await cli.Use<GetSimulationHandler>().HandleAsync(new GetSimulation(started.Value), ct)).Value.Total;
            var clock = Stopwatch.StartNew();
            SimulationReport report = null!;
            await CliConsole.Create(parse.InvocationConfiguration.Error).Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("re-settling", maxValue: Math.Max(1, total));
                    var progress = new SynchronousProgress(done =>
                    {
                        task.Value = done;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{done:N0} settlements, {done / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0}/s");
                    });
                    report = (await cli.Use<RunSimulationHandler>().HandleAsync(new RunSimulation(started.Value), progress, ct)).Value;
                    task.Value = task.MaxValue;
                });
            var seconds = clock.Elapsed.TotalSeconds;
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, RunSimulationHandler.ReportJson));
                return 0;
            }

            Print(CliConsole.Create(output), started.Value, report);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Re-settled {report.Resettled:N0} settlements in {seconds:F1} s ({report.Resettled / Math.Max(0.001, seconds):N0}/s)."));
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, long run, SimulationReport report)
    {
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]Simulation {run}[/]: {report.Total.Settlements:N0} settlements in the period, {report.People:N0} people, {report.Changed:N0} changed"));
        var table = new Table().AddColumns("group", "settlements", "fund before", "fund after", "fund change", "cash before", "cash after");
        foreach (var g in new[] { report.Total }.Concat(report.ByBenefitKind).Concat(report.ByPersonType).Concat(report.ByInstitutionLevel.Select(l => l with { Key = "level " + l.Key })))
        {
            table.AddRow(g.Key, g.Settlements.ToString("N0", CultureInfo.InvariantCulture), Money(g.FundBefore), Money(g.FundAfter), Money(g.FundChange), Money(g.CashBefore), Money(g.CashAfter));
        }

        console.Write(table);
        var histogram = new BarChart().Label("people by change in cash paid (yuan)");
        foreach (var bin in report.CashChangeHistogram)
        {
            histogram.AddItem(bin.Label, bin.People);
        }

        console.Write(histogram);
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
