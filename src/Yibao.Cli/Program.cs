namespace Yibao.Cli;

/// <summary>The <c>yibao</c> command's entry point (named, so that it is not confused with the server's).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => YibaoCli.RunAsync(args, Console.Out, Console.Error);
}
