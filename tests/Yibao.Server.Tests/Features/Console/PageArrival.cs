using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Yibao.Server.Tests;

/// <summary>
/// Waiting for a page to reach an address, in place of Playwright's <c>WaitForURLAsync</c>. That call
/// checks the load state and then subscribes to it, and a <c>load</c> delivered between the two is lost
/// (microsoft/playwright-dotnet#3364): a CI run waited its 30 s for an event that had come. The address is
/// asserted the way the issue advises, polled by the driver, and the load state is then asked for in short
/// waits, each of which finds a state already recorded.
/// </summary>
internal static class PageArrival
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <param name="page">The page navigating.</param>
    /// <param name="glob">Playwright's glob: <c>**</c> any characters, <c>*</c> any but <c>/</c>; the rest literal.</param>
    public static async Task ArriveAtAsync(this IPage page, string glob)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Assertions.Expect(page).ToHaveURLAsync(ToRegex(glob), new() { Timeout = (float)Limit.TotalMilliseconds });
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromSeconds(1))
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (waited < Limit)
            {
                // Asked again: a state recorded while this wait subscribed is found at the next check.
            }
        }
    }

    internal static Regex ToRegex(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal);
        return new Regex($"^{pattern}$"); // no options: the driver takes a JavaScript pattern, and refuses .NET-only flags
    }
}
