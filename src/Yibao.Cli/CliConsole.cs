using System.CommandLine;
using Spectre.Console;
using Yibao.Domain;

namespace Yibao.Cli;

internal static class CliConsole
{
    /// <summary>A console over the command's output; wide enough that tables never wrap ids when redirected.</summary>
    public static IAnsiConsole Create(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        return console;
    }

    /// <summary>A use case's answer: the refusal on the error output (exit code 1), or the success's line on the output (0).</summary>
    public static async Task<int> ReportAsync<T>(ParseResult parse, Result<T> result, Func<T, string> success)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(success);
        if (!result.IsSuccess)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(result.Error.ToString());
            return 1;
        }

        await parse.InvocationConfiguration.Output.WriteLineAsync(success(result.Value));
        return 0;
    }
}

/// <summary>Reports on the working thread: <see cref="Progress{T}"/> would post to the thread pool, possibly after the work has ended.</summary>
internal sealed class SynchronousProgress(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}
