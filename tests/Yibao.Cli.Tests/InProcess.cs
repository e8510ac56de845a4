namespace Yibao.Cli.Tests;

/// <summary>The <c>yibao</c> command run in this process, its output and error captured.</summary>
internal static class InProcess
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await YibaoCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
