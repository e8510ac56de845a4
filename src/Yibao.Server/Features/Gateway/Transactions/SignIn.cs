using Yibao.Application.SignIns;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>9001 sign in and 9002 sign out: business transactions carry the sign_no of an open sign-in.</summary>
internal static class SignIn
{
    public static async Task<object?> SignInAsync(GatewayCall call, CancellationToken ct)
    {
        var input = call.Input.Block("signIn");
        var row = GatewayCall.Expect(await call.Use<SignInHandler>().HandleAsync(new Application.SignIns.SignIn(call.Institution.FixmedinsCode, input.Text("opter_no", 30)), ct));
        return new { signinoutb = new SignInOutput(row.SignNo, GatewayFormats.Time(row.SignedInAt, call.Calendar)) };
    }

    public static async Task<object?> SignOutAsync(GatewayCall call, CancellationToken ct)
    {
        var input = call.Input.Block("signOut");
        var row = GatewayCall.Expect(await call.Use<SignInHandler>().HandleAsync(new SignOut(call.Institution.FixmedinsCode, input.Text("sign_no", 30)), ct));
        return new { signoutoutb = new SignOutOutput(GatewayFormats.Time(row.SignedOutAt!.Value, call.Calendar)) };
    }

    /// <summary>Every transaction but 9001 needs the sign_no of an open sign-in of the calling institution.</summary>
    public static async Task RequireSignedInAsync(GatewayCall call, CancellationToken ct) =>
        GatewayCall.Expect(await call.Use<SignInHandler>().HandleAsync(new RequireSignedIn(call.Institution.FixmedinsCode, call.Request.SignNo), ct));
}

internal sealed record SignInOutput(string SignNo, string SignTime);

internal sealed record SignOutOutput(string SignTime);
