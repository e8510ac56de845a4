using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.SignIns;

/// <summary>An institution's operator signs in (9001); business transactions carry the sign_no.</summary>
public sealed record SignIn(string Institution, string Opter);

/// <summary>Signs out an open sign-in (9002).</summary>
public sealed record SignOut(string Institution, string SignNo);

/// <summary>Whether a sign_no is an open sign-in of the institution: read once while the process hears every sign-out (<see cref="OpenSignIns"/>).</summary>
public sealed record RequireSignedIn(string Institution, string? SignNo);

/// <summary>9001 and 9002: the sessions of an institution's operators.</summary>
public sealed class SignInHandler(YibaoDbContext db, AgencyCalendar calendar, OpenSignIns known)
{
    public async Task<Result<GatewaySignInRow>> HandleAsync(SignIn command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var row = new GatewaySignInRow
        {
            SignNo = Ids.New("SN", calendar.Now),
            FixmedinsCode = command.Institution,
            Opter = command.Opter,
            SignedInAt = calendar.Clock.GetUtcNow(),
        };
        db.GatewaySignIns.Add(row);
        await db.SaveChangesAsync(ct);
        return row;
    }

    public async Task<Result<GatewaySignInRow>> HandleAsync(SignOut command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var row = await db.GatewaySignIns.FirstOrDefaultAsync(s => s.SignNo == command.SignNo && s.FixmedinsCode == command.Institution && s.SignedOutAt == null, ct);
        if (row is null)
        {
            return SignInErrors.NotSignedIn.With($"sign_no {command.SignNo} is not an open sign-in of this institution.");
        }

        row.SignedOutAt = calendar.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return row;
    }

    public async Task<DomainError?> HandleAsync(RequireSignedIn command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.SignNo is not { } signNo)
        {
            return SignInErrors.NotSignedIn.With("sign_no is required: sign in with 9001 first.");
        }

        return await known.IsOpenAsync(db, command.Institution, signNo, ct)
            ? null
            : SignInErrors.NotSignedIn.With($"sign_no {signNo} is not an open sign-in of this institution: sign in with 9001.");
    }
}
