using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Yibao.Application.Reports;

namespace Yibao.Cli.Commands;

/// <summary><c>yibao report parity</c>: online against offline settlements under one insured area's policy.</summary>
internal static class ReportCommands
{
    public static Command Create()
    {
        var area = new Option<string>("--area") { Description = "Insured area (admdvs) whose policy the settlements were made under", Required = true };
        var from = new Option<string>("--from") { Description = "First settlement day, yyyy-MM-dd", Required = true };
        var to = new Option<string>("--to") { Description = "Last settlement day, yyyy-MM-dd", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var parity = new Command("parity", "Compare online and offline settlements: count, medical total, fund share, average ratio, by benefit kind") { area, from, to, json };
        parity.SetAction(async (parse, ct) =>
        {
            if (!TryDate(parse.GetValue(from), out var first) || !TryDate(parse.GetValue(to), out var last) || last < first)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("--from and --to are dates yyyy-MM-dd, --to not before --from.");
                return 1;
            }

            await using var cli = await CliServices.OpenAsync(parse, ct);
            var rows = await cli.Use<GetParityReportHandler>().HandleAsync(new GetParityReport(parse.GetValue(area)!, first, last), ct);
            if (parse.GetValue(json))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(rows, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
                return 0;
            }

            Print(CliConsole.Create(parse.InvocationConfiguration.Output), parse.GetValue(area)!, first, last, rows);
            return 0;
        });
        return new Command("report", "Reports for the agency") { parity };
    }

    private static void Print(IAnsiConsole console, string area, DateOnly from, DateOnly to, IReadOnlyList<ParityRow> rows)
    {
        console.MarkupLine($"[bold]Online/offline parity[/], insured area {area}, {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
        var table = new Table().AddColumns("benefit", "channel", "count", "medfee_sumamt", "fund_pay_sumamt", "fund share", "average ratio");
        foreach (var row in rows)
        {
            table.AddRow(row.BenefitKind, row.Channel, Text(row.Count), Money(row.MedfeeSumamt), Money(row.FundPaySumamt), Ratio(row.FundShare), Ratio(row.AverageRatio));
        }

        console.Write(table);
        foreach (var kind in rows.GroupBy(r => r.BenefitKind))
        {
            var online = kind.FirstOrDefault(r => r.Channel == "online");
            var offline = kind.FirstOrDefault(r => r.Channel == "offline");
            if (online is not null && offline is not null)
            {
                console.MarkupLine($"{kind.Key}: average ratio online − offline = {Ratio(online.AverageRatio - offline.AverageRatio)}");
            }
        }
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ratio(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
