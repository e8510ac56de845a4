using Microsoft.EntityFrameworkCore;
using Yibao.Application.SignIns;
using Yibao.Storage;
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

    /// <summary>
    /// While the process listens, an open sign-in read once is trusted: a sign-out slipped in with
    /// the announcement switched off is not seen. A sign-out announced by another process is heard,
    /// and the next check reads the sign-in again; once deaf, every check reads it.
    /// </summary>
    [Fact]
    public async Task RequireSignedIn_WhileListening_TrustsAnOpenSignInUntilASignOutIsHeard()
    {
        await using var app = await TestApplication.CreateAsync("postgres");
        var signals = app.Storage.Signals;
        await using var listening = await Listening.StartAsync(app.Storage);
        var first = (await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new SignIn(Hospital, "op1"), default))).Ok();
        var second = (await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new SignIn(Hospital, "op2"), default))).Ok();
        var read = await RequireAsync(app, first.SignNo);

        await SetSignedOutUnannouncedAsync(app, first.SignNo, signedOut: true);
        var unannounced = await RequireAsync(app, first.SignNo);

        var heard = signals.SignOuts;
        var other = StorageOptions.FromConnectionString(app.Storage.ConnectionString); // another process: its own signals and pool
        await using (var db = other.CreateContext())
        {
            (await db.GatewaySignIns.SingleAsync(s => s.SignNo == second.SignNo)).SignedOutAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        await Eventually.UntilAsync(() => signals.SignOuts > heard, "the other process's sign-out heard");
        var announced = await RequireAsync(app, first.SignNo);

        await listening.DisposeAsync();
        await SetSignedOutUnannouncedAsync(app, first.SignNo, signedOut: false);
        var deafOpen = await RequireAsync(app, first.SignNo);
        await SetSignedOutUnannouncedAsync(app, first.SignNo, signedOut: true);
        var deafClosed = await RequireAsync(app, first.SignNo);

        Assert.Null(read);
        Assert.Null(unannounced);
        Assert.Equal("not_signed_in", announced?.Code);
        Assert.Null(deafOpen);
        Assert.Equal("not_signed_in", deafClosed?.Code);
    }

    /// <summary>The process's own sign-out applies to its next check at once, without waiting for PostgreSQL's announcement.</summary>
    [Fact]
    public async Task RequireSignedIn_SignedOutInThisProcessWhileListening_RefusesAtOnce()
    {
        await using var app = await TestApplication.CreateAsync("postgres");
        var signals = app.Storage.Signals;
        await using var listening = await Listening.StartAsync(app.Storage);
        var signedIn = (await app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new SignIn(Hospital, "op1"), default))).Ok();
        var open = await RequireAsync(app, signedIn.SignNo);

        await using (var db = app.Storage.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE gateway_sign_ins DISABLE TRIGGER gateway_signed_out");
        }

        (await app.CommitAsync(s => s.Use<SignInHandler>().HandleAsync(new SignOut(Hospital, signedIn.SignNo), default))).Ok();
        var closed = await RequireAsync(app, signedIn.SignNo);
        await listening.DisposeAsync();

        Assert.Null(open);
        Assert.Equal("not_signed_in", closed?.Code);
    }

    private static Task<Domain.DomainError?> RequireAsync(TestApplication app, string signNo) =>
        app.ReadAsync(s => s.Use<SignInHandler>().HandleAsync(new RequireSignedIn(Hospital, signNo), default));

    /// <summary>Opens or closes a sign-in with the trigger that announces sign-outs switched off.</summary>
    private static async Task SetSignedOutUnannouncedAsync(TestApplication app, string signNo, bool signedOut)
    {
        await using var db = app.Storage.CreateContext();
        DateTimeOffset? at = signedOut ? DateTimeOffset.UtcNow : null;
        await db.Database.ExecuteSqlAsync($"""
            ALTER TABLE gateway_sign_ins DISABLE TRIGGER gateway_signed_out;
            UPDATE gateway_sign_ins SET signed_out_at = {at} WHERE sign_no = {signNo};
            ALTER TABLE gateway_sign_ins ENABLE TRIGGER gateway_signed_out;
            """);
    }
}
