namespace Yibao.Cli.Tests;

public sealed class ProgramTests
{
    [Theory]
    [InlineData(true, "supervise", "--period", "2026-10")]
    [InlineData(true, "-c", "Host=db", "supervise", "--period", "2026-10")]
    [InlineData(false, "load", "--url", "http://127.0.0.1:5000")]
    [InlineData(false, "seed")]
    [InlineData(false)]
    public void RunsSocketCompletionsInline_TheCommand_OnlyForTheStreamingBatch(bool inline, params string[] args) =>
        Assert.Equal(inline, Program.RunsSocketCompletionsInline(args));
}
