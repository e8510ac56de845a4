using Yibao.Server.Features.Console;

namespace Yibao.Server.Tests.Features.Console;

/// <summary>The console's background runner when its database is down: it looks again later, not at once.</summary>
public sealed class ConsoleRunnerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void Backoff_FailuresInARow_DoubleFromOneSecondUpToThirty(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ConsoleRunner.Backoff(failures));
}
