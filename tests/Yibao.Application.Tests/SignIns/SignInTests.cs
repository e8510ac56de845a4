using Yibao.Application.SignIns;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.SignIns;

public sealed class SignInTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SignIn_ThenOut_OpensAndClosesTheSession(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var signedIn = (await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new SignIn(Hospital, "op1"), default))).Ok();
        var open = await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new RequireSignedIn(Hospital, signedIn.SignNo), default));
        var elsewhere = await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new RequireSignedIn(Community, signedIn.SignNo), default));
        (await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new SignOut(Hospital, signedIn.SignNo), default))).Ok();
        var closed = await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new RequireSignedIn(Hospital, signedIn.SignNo), default));

        Assert.Null(open);
        Assert.Equal("not_signed_in", elsewhere?.Code);
        Assert.Equal("not_signed_in", closed?.Code);
        Assert.Equal("not_signed_in", (await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new SignOut(Hospital, signedIn.SignNo), default))).Refusal());
        Assert.Equal("not_signed_in", (await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new RequireSignedIn(Hospital, null), default)))?.Code);
    }
}
