using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Domain.Interchange;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao import persons|catalogue|institutions FILE</c>: reference data from files, into the
/// installation's database, each import one transaction. Persons, the large one, stream (CSV or
/// JSON) with a progress bar; catalogues and institutions are JSON documents in the admin API's format.
/// </summary>
internal static class ImportCommand
{
    private const string Actor = "cli";

    public static Command Create()
    {
        var command = new Command("import", "Import reference data from a file: persons (CSV or JSON, streamed), a catalogue or institutions (JSON)");
        command.Subcommands.Add(Persons());
        command.Subcommands.Add(Catalogue());
        command.Subcommands.Add(Institutions());
        return command;
    }

    private static Argument<FileInfo> FileArgument(string description) => new("file") { Description = description };

    private static Command Persons()
    {
        var file = FileArgument("persons.csv (header psn_no,name,gender,birthday,certno,insutype,area,retired,account_balance) or persons.json");
        var skipBad = new Option<bool>("--skip-bad") { Description = "Import the good records and report the bad ones (otherwise one bad record imports nothing)" };
        var command = new Command("persons", "Load or replace insured persons with their accounts (an existing account keeps its balance)") { file, skipBad };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!PersonFiles.TryGetFormat(path.Name, out var csv) || !path.Exists)
            {
                throw new CliFailure(path.Exists ? $"{path.FullName}: name a .csv or .json file." : $"{path.FullName} does not exist.");
            }

            await using var cli = await CliServices.OpenAsync(parse, ct);
            await using var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var console = CliConsole.Create(parse.InvocationConfiguration.Error);
            var clock = Stopwatch.StartNew();
            Result<ImportReport> outcome = default!;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("reading", maxValue: Math.Max(1, stream.Length));
                    var progress = new SynchronousProgress(rows =>
                    {
                        task.Value = stream.Position;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{rows:N0} records, {rows / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0}/s");
                    });
                    outcome = await cli.Use<ImportPersonsHandler>().HandleAsync(
                        new ImportPersons(PersonFiles.ReadAsync(stream, csv, ct), ReplaceRegistrations: !csv, parse.GetValue(skipBad), Actor, progress), ct);
                    task.Value = task.MaxValue;
                });
            var output = parse.InvocationConfiguration.Output;
            if (!outcome.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(outcome.Error.ToString().Replace("; line ", "\n  line ", StringComparison.Ordinal));
                return 1;
            }

            var report = outcome.Value;
            foreach (var bad in report.Bad)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"  skipped line {bad.Line}: {bad.Error}");
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {report.Imported:N0} persons in {seconds:F1} s ({report.Imported / Math.Max(0.001, seconds):N0}/s){(report.Skipped > 0 ? $"; skipped {report.Skipped:N0} bad records" : "")}."));
            return 0;
        });
        return command;
    }

    private static Command Catalogue()
    {
        var file = FileArgument("catalogue.json: entries in the admin API's format");
        var area = new Option<string>("--area") { Description = "The area whose catalogue this is (admdvs)", Required = true };
        var command = new Command("catalogue", "Publish a new version of an area's catalogue") { file, area };
        command.SetAction(async (parse, ct) =>
        {
            var entries = CatalogueJson.ReadEntries(await ReadAsync(parse.GetValue(file)!, ct));
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var published = entries.IsSuccess
                ? await cli.Use<PublishCatalogueHandler>().HandleAsync(new PublishCatalogue(parse.GetValue(area)!, entries.Value.ToList(), Actor), ct)
                : Result<int>.Failure(entries.Error);
            return await ReportAsync(parse, published, v => $"Published version {v} of {parse.GetValue(area)}'s catalogue ({entries.Value.Count:N0} entries).");
        });
        return command;
    }

    private static Command Institutions()
    {
        var file = FileArgument("institutions.json in the admin API's format");
        var command = new Command("institutions", "Load or replace designated institutions") { file };
        command.SetAction(async (parse, ct) =>
        {
            var institutions = WorldJson.ReadInstitutions(await ReadAsync(parse.GetValue(file)!, ct));
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var loaded = institutions.IsSuccess
                ? await cli.Use<LoadInstitutionsHandler>().HandleAsync(new LoadInstitutions(institutions.Value.ToList(), Actor), ct)
                : Result<int>.Failure(institutions.Error);
            return await ReportAsync(parse, loaded, n => $"Loaded {n:N0} institutions.");
        });
        return command;
    }

    private static async Task<string> ReadAsync(FileInfo file, CancellationToken ct) =>
        file.Exists ? await File.ReadAllTextAsync(file.FullName, ct) : throw new CliFailure($"{file.FullName} does not exist.");

    private static async Task<int> ReportAsync<T>(ParseResult parse, Result<T> result, Func<T, string> success)
    {
        if (!result.IsSuccess)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(result.Error.ToString());
            return 1;
        }

        await parse.InvocationConfiguration.Output.WriteLineAsync(success(result.Value));
        return 0;
    }

    /// <summary>Reports on the importing thread: <see cref="Progress{T}"/> would post to the thread pool, possibly after the import has ended.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
