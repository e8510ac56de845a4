using Microsoft.Extensions.DependencyInjection;
using Yibao.Client;
using Yibao.Storage;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>9001 and 9002 through the envelope: a signed-out sign_no is refused at once, by every server process on the database.</summary>
public sealed class GatewaySignInTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task Call_AfterSigningOut_IsRefused(string provider)
    {
        await using var server = await YibaoServer.StartListeningAsync(provider);
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var before = await his.PersonInfoAsync("03", "330106196803140013", Api.Card("3301000000000001").CardSn);

        (await his.CallAsync("9002", new { signOut = new { sign_no = his.SignNo, opter_no = "001" } })).Expect();
        var after = await his.PersonInfoAsync("03", "330106196803140013", Api.Card("3301000000000001").CardSn);

        Assert.True(before.IsSuccess, before.ErrMsg);
        Assert.False(after.IsSuccess);
        Assert.StartsWith("[not_signed_in]", after.ErrMsg, StringComparison.Ordinal);
    }

    /// <summary>Two server processes on one PostgreSQL: a session signed out through one is refused by the other, which had it cached.</summary>
    [Fact]
    public async Task Call_SignedOutThroughAnotherServer_IsRefusedOnceHeard()
    {
        await using var first = await YibaoServer.StartListeningAsync("postgres");
        await using var second = await YibaoServer.StartListeningAsync("postgres", connectionString: first.ConnectionString);
        var his = await GatewayFixture.SignedInAsync(first, "H33010000001");
        var before = await his.PersonInfoAsync("03", "330106196803140013", Api.Card("3301000000000001").CardSn);
        second.Clock.Advance(TimeSpan.FromMinutes(1)); // the same institution's message ids are its clock's: another minute, other ids
        var other = await GatewayFixture.SignedInAsync(second, "H33010000001");
        var signals = first.Services.GetRequiredService<StorageOptions>().Signals;
        var heard = signals.SignOuts;

        (await other.CallAsync("9002", new { signOut = new { sign_no = his.SignNo, opter_no = "001" } })).Expect();
        await Eventually.UntilAsync(() => signals.SignOuts > heard, "the first server hearing the sign-out");
        var after = await his.PersonInfoAsync("03", "330106196803140013", Api.Card("3301000000000001").CardSn);

        Assert.True(before.IsSuccess, before.ErrMsg);
        Assert.False(after.IsSuccess);
        Assert.StartsWith("[not_signed_in]", after.ErrMsg, StringComparison.Ordinal);
    }
}
