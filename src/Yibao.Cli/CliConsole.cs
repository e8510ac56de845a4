using Spectre.Console;

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
}

/// <summary>Reports on the working thread: <see cref="Progress{T}"/> would post to the thread pool, possibly after the work has ended.</summary>
internal sealed class SynchronousProgress(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}
