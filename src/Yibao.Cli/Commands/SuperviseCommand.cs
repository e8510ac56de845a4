using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Yibao.Application.Supervision;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao supervise --period 2026-10 [--rules MGT005,STA001]</c>: the month's settled claims
/// through the after-event rules, findings raised into the review queue once (a rerun raises only
/// what is new), with a progress bar.
/// </summary>
internal static class SuperviseCommand
{
    public static Command Create()
    {
        var period = new Option<string>("--period") { Description = "The month to judge, yyyy-MM", Required = true };
        var rules = new Option<string?>("--rules") { Description = "Only these rule ids, comma-separated (default: every rule enabled for each area)" };
        var command = new Command("supervise", "Run the after-event supervision rules over a month's settled claims") { period, rules };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var ids = (parse.GetValue(rules) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var clock = Stopwatch.StartNew();
            Domain.Result<SupervisionRunReport> report = default;
            await CliConsole.Create(parse.InvocationConfiguration.Error).Progress()
                .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("judging");
                    task.IsIndeterminate = true;
                    var progress = new SynchronousProgress(done =>
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{done:N0} claims, {done / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0}/s"));
                    report = await cli.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision(parse.GetValue(period)!, ids, "cli"), progress, ct);
                    task.StopTask();
                });
            if (!report.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(report.Error.ToString());
                return 1;
            }

            var r = report.Value;
            var console = CliConsole.Create(parse.InvocationConfiguration.Output);
            var table = new Table().AddColumns("rule", "raised");
            foreach (var (rule, count) in r.ByRule.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                table.AddRow(rule, count.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(table);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Period}: {r.Claims:N0} claims judged in {clock.Elapsed.TotalSeconds:F1} s ({r.Claims / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0}/s); {r.Raised:N0} findings raised, {r.AlreadyRaised:N0} raised before."));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"time: reading {(r.Total - r.Judging - r.Writing).TotalSeconds:F2} s, judging {r.Judging.TotalSeconds:F2} s, waiting for the writes {r.Writing.TotalSeconds:F2} s"));
            return 0;
        });
        return command;
    }
}
