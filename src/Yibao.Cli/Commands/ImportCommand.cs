using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Storage;
using Yibao.Application;

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
        var file = FileArgument($"persons.csv (header {ReferenceFiles.Header(PersonFiles.Columns)}) or persons.json");
        var skipBad = new Option<bool>("--skip-bad") { Description = "Import the good records and report the bad ones (otherwise one bad record imports nothing)" };
        var command = new Command("persons", "Load or replace insured persons with their accounts (an existing account keeps its balance)") { file, skipBad };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!ReferenceFiles.TryGetFormat(path.Name, out var csv) || !path.Exists)
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

    private static readonly CsvColumn[] InstitutionColumns =
    [
        new("fixmedins_code", "fixmedins_code"),
        new("name", "name", Optional: true),
        new("area", "area"),
        new("kind", "kind"),
        new("level", "level"),
        new("relies_on", "reliesOn", Optional: true),
    ];

    private static Command Catalogue()
    {
        var file = FileArgument($"catalogue.csv (header {ReferenceFiles.Header(CatalogueFiles.Columns)}) or catalogue.json in the admin API's format");
        var area = new Option<string>("--area") { Description = "The area whose catalogue this is (admdvs)", Required = true };
        var skipBad = SkipBad();
        var command = new Command("catalogue", "Publish a new version of an area's catalogue") { file, area, skipBad };
        command.SetAction(async (parse, ct) =>
        {
            var entries = await ReadAllAsync(parse, parse.GetValue(file)!, CatalogueFiles.Columns, CatalogueJson.ReadOneEntry, parse.GetValue(skipBad), ct);
            if (entries is null)
            {
                return 1;
            }

            await using var cli = await CliServices.OpenAsync(parse, ct);
            var published = await cli.Db.InTransactionAsync(cli.Use<WriteGate>(), () => cli.Use<PublishCatalogueHandler>().HandleAsync(new PublishCatalogue(parse.GetValue(area)!, entries, Actor), ct), ct);
            return await CliConsole.ReportAsync(parse, published, v => string.Create(CultureInfo.InvariantCulture, $"Published version {v} of {parse.GetValue(area)}'s catalogue ({entries.Count:N0} entries)."));
        });
        return command;
    }

    private static Command Institutions()
    {
        var file = FileArgument($"institutions.csv (header {ReferenceFiles.Header(InstitutionColumns)}) or institutions.json in the admin API's format");
        var skipBad = SkipBad();
        var command = new Command("institutions", "Load or replace designated institutions") { file, skipBad };
        command.SetAction(async (parse, ct) =>
        {
            var institutions = await ReadAllAsync(parse, parse.GetValue(file)!, InstitutionColumns, WorldJson.ReadOneInstitution, parse.GetValue(skipBad), ct);
            if (institutions is null)
            {
                return 1;
            }

            await using var cli = await CliServices.OpenAsync(parse, ct);
            var loaded = await cli.Db.InTransactionAsync(cli.Use<WriteGate>(), () => cli.Use<LoadInstitutionsHandler>().HandleAsync(new LoadInstitutions(institutions, Actor), ct), ct);
            return await CliConsole.ReportAsync(parse, loaded, n => string.Create(CultureInfo.InvariantCulture, $"Loaded {n:N0} institutions."));
        });
        return command;
    }

    private static Option<bool> SkipBad() => new("--skip-bad") { Description = "Import the good records and report the bad ones (otherwise one bad record imports nothing)" };

    /// <summary>
    /// Every record of a catalogue or institutions file (thousands to tens of thousands: one use case
    /// takes them together), or null when a record is bad and <paramref name="skipBad"/> is not set;
    /// bad records are listed on stderr by line either way.
    /// </summary>
    private static async Task<List<T>?> ReadAllAsync<T>(ParseResult parse, FileInfo file, IReadOnlyList<CsvColumn> columns, Func<System.Text.Json.JsonElement, string, Result<T>> read, bool skipBad, CancellationToken ct)
    {
        if (!ReferenceFiles.TryGetFormat(file.Name, out var csv) || !file.Exists)
        {
            throw new CliFailure(file.Exists ? $"{file.FullName}: name a .csv or .json file." : $"{file.FullName} does not exist.");
        }

        await using var stream = file.OpenRead();
        var records = await ReferenceFiles.ReadAllAsync(stream, csv, columns, read, ct);
        foreach (var bad in records.Bad)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"  line {bad.Line}: {bad.Message}");
        }

        var (good, badCount) = (records.Good, records.Bad.Count);
        if (badCount > 0 && !skipBad)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"import_rejected: {badCount} bad records, so nothing was imported (--skip-bad imports the rest).");
            return null;
        }

        return good;
    }
}
