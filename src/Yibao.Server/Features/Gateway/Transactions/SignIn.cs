using Microsoft.EntityFrameworkCore;
using Yibao.Server.Infrastructure;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>9001 sign in and 9002 sign out: business transactions carry the sign_no of an open sign-in.</summary>
internal static class SignIn
{
    public static async Task<object?> SignInAsync(GatewayCall call, CancellationToken ct)
    {
        var input = call.Input.Block("signIn");
        var row = new GatewaySignInRow
        {
            SignNo = Ids.New("SN", call.Calendar.Now),
            FixmedinsCode = call.Institution.FixmedinsCode,
            Opter = input.Text("opter_no", 30),
            SignedInAt = call.Calendar.Clock.GetUtcNow(),
        };
        call.Db.GatewaySignIns.Add(row);
        await call.Db.SaveChangesAsync(ct);
        return new { signinoutb = new SignInOutput(row.SignNo, GatewayFormats.Time(row.SignedInAt, call.Calendar)) };
    }

    public static async Task<object?> SignOutAsync(GatewayCall call, CancellationToken ct)
    {
        var input = call.Input.Block("signOut");
        var signNo = input.Text("sign_no", 30);
        var row = await call.Db.GatewaySignIns.FirstOrDefaultAsync(s => s.SignNo == signNo && s.FixmedinsCode == call.Institution.FixmedinsCode && s.SignedOutAt == null, ct)
            ?? throw new GatewayRefusal($"sign_no {signNo} is not an open sign-in of this institution.");
        row.SignedOutAt = call.Calendar.Clock.GetUtcNow();
        await call.Db.SaveChangesAsync(ct);
        return new { signoutoutb = new SignOutOutput(GatewayFormats.Time(row.SignedOutAt.Value, call.Calendar)) };
    }

    /// <summary>Every transaction but 9001 needs the sign_no of an open sign-in of the calling institution.</summary>
    public static async Task RequireSignedInAsync(GatewayCall call, CancellationToken ct)
    {
        var signNo = call.Request.SignNo ?? throw new GatewayRefusal("sign_no is required: sign in with 9001 first.");
        if (!await call.Db.GatewaySignIns.AnyAsync(s => s.SignNo == signNo && s.FixmedinsCode == call.Institution.FixmedinsCode && s.SignedOutAt == null, ct))
        {
            throw new GatewayRefusal($"sign_no {signNo} is not an open sign-in of this institution: sign in with 9001.");
        }
    }
}

internal sealed record SignInOutput(string SignNo, string SignTime);

internal sealed record SignOutOutput(string SignTime);
