namespace Yibao.Cli;

/// <summary>The <c>yibao</c> command's entry point (named, so that it is not confused with the server's).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        if (RunsSocketCompletionsInline(args))
        {
            // Read once, when the runtime's socket engine starts: before the command opens a connection.
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        }

        return YibaoCli.RunAsync(args, Console.Out, Console.Error);
    }

    /// <summary>
    /// Whether the command runs its sockets' completions on the socket thread rather than handing each to
    /// the thread pool: the after-event batch, which streams one large read (<c>supervise</c>).
    /// Its reader waits on the database thousands of times a run, and each hand-over woke a pool thread
    /// that then spun in <c>sched_yield</c>, on the cores PostgreSQL needs. Taking turns over a million
    /// claims, the process used 8.3–9.6 s of CPU against 10.0–10.7 s. <c>load</c>, which drives many clients at
    /// once, keeps the runtime's default, as do the other commands, not measured with it.
    /// </summary>
    internal static bool RunsSocketCompletionsInline(IReadOnlyList<string> args) => args.Contains("supervise");
}
