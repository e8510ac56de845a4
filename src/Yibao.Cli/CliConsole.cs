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
