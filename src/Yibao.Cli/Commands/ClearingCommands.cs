using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Yibao.Application;
using Yibao.Application.Clearing;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao clearing run|show|confirm|export|advance</c>: the hub's monthly inter-area clearing,
/// each area's confirmation, the statement as CSV or PDF, and the areas' advance funds.
/// </summary>
internal static class ClearingCommands
{
    private const string Actor = "cli";

    public static Command Create() => new("clearing", "Inter-area clearing: compute a month, confirm it, export it; advance funds") { Run(), Show(), Confirm(), Export(), Advance() };

    private static Option<string> MonthOption() => new("--month") { Description = "The month, yyyy-MM", Required = true };

    private static Command Run()
    {
        var month = MonthOption();
        var command = new Command("run", "Compute the month's pairs, net positions and advances (again, while no area has confirmed)") { month };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var clock = Stopwatch.StartNew();
            Result<ClearingStatementView> run = default;
            await CliConsole.Create(parse.InvocationConfiguration.Error).Status().StartAsync($"summing {parse.GetValue(month)}'s cross-region settlements…", async _ =>
                run = await cli.Db.InTransactionAsync(cli.Use<WriteGate>(), () => cli.Use<RunClearingHandler>().HandleAsync(new RunClearing(parse.GetValue(month)!, Actor), ct), ct));
            if (!run.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(run.Error.ToString());
                return 1;
            }

            Print(parse, run.Value);
            CliConsole.Create(parse.InvocationConfiguration.Output).WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.Value.Month}: {run.Value.Settlements:N0} settlements and cancellations cleared in {clock.Elapsed.TotalSeconds:F1} s; {run.Value.Amount:N2} to clear."));
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var month = MonthOption();
        var command = new Command("show", "Show a month's statement") { month };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var statement = await cli.Use<GetClearingStatementHandler>().HandleAsync(new GetClearingStatement(parse.GetValue(month)!), ct);
            if (!statement.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(statement.Error.ToString());
                return 1;
            }

            Print(parse, statement.Value);
            return 0;
        });
        return command;
    }

    private static Command Confirm()
    {
        var month = MonthOption();
        var area = new Option<string>("--area") { Description = "The area confirming its statement", Required = true };
        var command = new Command("confirm", "Confirm an area's statement; the month closes when every area has") { month, area };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var confirmed = await cli.Db.InTransactionAsync(cli.Use<WriteGate>(),
                () => cli.Use<ConfirmClearingStatementHandler>().HandleAsync(new ConfirmClearingStatement(parse.GetValue(month)!, parse.GetValue(area)!, Actor), ct), ct);
            return await CliConsole.ReportAsync(parse, confirmed, s => $"{s.Month}: area {parse.GetValue(area)} confirmed; the month is {s.Status}.");
        });
        return command;
    }

    private static Command Export()
    {
        var month = MonthOption();
        var format = new Option<string>("--format") { Description = "csv or pdf", DefaultValueFactory = _ => "csv" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the file (default: clearing-<month>.<format> here)" };
        var command = new Command("export", "Write a month's statement as CSV or PDF") { month, format, output };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var file = await cli.Use<ExportClearingStatementHandler>().HandleAsync(new ExportClearingStatement(parse.GetValue(month)!, parse.GetValue(format)!), ct);
            if (!file.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(file.Error.ToString());
                return 1;
            }

            var path = parse.GetValue(output)?.FullName ?? file.Value.FileName;
            await File.WriteAllBytesAsync(path, file.Value.Content, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {path} ({file.Value.Content.Length:N0} bytes)."));
            return 0;
        });
        return command;
    }

    private static Command Advance()
    {
        var area = new Option<string>("--area") { Description = "The insured area", Required = true };
        var change = new Option<decimal>("--change") { Description = "A top-up (positive) or a return (negative), in yuan", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var command = new Command("advance", "Top up or return an area's advance fund") { area, change, reason };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var fund = await cli.Db.InTransactionAsync(cli.Use<WriteGate>(),
                () => cli.Use<AdjustAdvanceFundHandler>().HandleAsync(new AdjustAdvanceFund(parse.GetValue(area)!, parse.GetValue(change), parse.GetValue(reason)!, Actor), ct), ct);
            return await CliConsole.ReportAsync(parse, fund, f => string.Create(CultureInfo.InvariantCulture, $"Area {f.Area} holds {f.Amount:N2} in advance."));
        });
        return command;
    }

    private static void Print(ParseResult parse, ClearingStatementView statement)
    {
        var console = CliConsole.Create(parse.InvocationConfiguration.Output);
        console.WriteLine($"{statement.Month}: {statement.Status}, computed {statement.RunAt:yyyy-MM-dd HH:mm:ss}Z by {statement.RunBy}");
        var pairs = new Table().AddColumns("insured", "treatment", "settled", "cancelled", "medfee_sumamt", "fund_pay_sumamt", "acct_pay", "to clear");
        foreach (var p in statement.Pairs)
        {
            pairs.AddRow(p.InsuredArea, p.TreatmentArea, N(p.Settled), N(p.Cancelled), M(p.MedfeeSumamt), M(p.FundPaySumamt), M(p.AcctPay), M(p.Amount));
        }

        console.Write(pairs);
        var areas = new Table().AddColumns("area", "owes", "owed", "net", "advance", "usage", "status", "top-up", "confirmed");
        foreach (var a in statement.Areas)
        {
            areas.AddRow(a.Area, M(a.Owes), M(a.Owed), M(a.Net), M(a.Advance.Advance), a.Advance.Usage?.ToString("P0", CultureInfo.InvariantCulture) ?? "-",
                Domain.Clearing.AdvanceFunds.ToName(a.Advance.Status), M(a.Advance.TopUp), a.ConfirmedBy ?? "no");
        }

        console.Write(areas);
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string M(decimal m) => m.ToString("N2", CultureInfo.InvariantCulture);
}
