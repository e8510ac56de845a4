using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Yibao.Application.Staff;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Staff;

/// <summary>
/// Staff sign-in (password, then the TOTP code when the account has a second factor), answered with
/// a bearer token (or, with <c>?cookie=true</c>, the staff cookie), and the staff member's own TOTP set-up.
/// </summary>
internal static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff").WithTags("Staff");
        staff.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireSignInBudget()
            .WithSummary("Sign in as agency staff: answers access_token (Bearer, an hour; sign in again after), or sets the staff cookie with ?cookie=true")
            .Produces<StaffTokenResponse>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        staff.MapPost("/sign-out", async (SignInManager<StaffUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return Results.NoContent();
            }).RequireStaffMember()
            .WithSummary("Sign out of the staff cookie");
        staff.MapGet("/me", (HttpContext http, UserManager<StaffUser> users) => AsUserAsync(http, users, async user =>
                Results.Ok(new StaffMeResponse(user.UserName!, user.DisplayName, (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList(), user.TwoFactorEnabled))))
            .RequireStaffMember()
            .WithSummary("The signed-in staff member: roles and whether TOTP is on").Produces<StaffMeResponse>().ProducesProblem(401);
        staff.MapPost("/me/totp", (HttpContext http, UserManager<StaffUser> users) => AsUserAsync(http, users, async user =>
            {
                if (user.TwoFactorEnabled)
                {
                    // A new key now would lock the member out of every later sign-in.
                    return HttpErrors.TotpAlreadyOn.With("TOTP is on for this account already; an admin resets it with yibao staff reset-totp.").ToResult();
                }

                await users.ResetAuthenticatorKeyAsync(user);
                var key = (await users.GetAuthenticatorKeyAsync(user))!;
                var uri = $"otpauth://totp/Yibao:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer=Yibao&digits=6";
                return Results.Ok(new TotpSetupResponse(key, uri));
            })).RequireStaffMember()
            .WithSummary("Start TOTP set-up: a new shared key for an authenticator app (TOTP stays off until confirmed)").Produces<TotpSetupResponse>().ProducesProblem(401).ProducesProblem(409);
        staff.MapPut("/me/totp", (TotpConfirmation request, HttpContext http, UserManager<StaffUser> users) => AsUserAsync(http, users, async user =>
            {
                var code = (request.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
                if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
                {
                    return HttpErrors.ValidationFailed.With("The code does not match the authenticator's key: check the device's clock, or start again.").ToResult();
                }

                await users.SetTwoFactorEnabledAsync(user, true);
                return Results.NoContent();
            })).RequireStaffMember()
            .WithSummary("Turn TOTP on with a code from the authenticator app; every later sign-in needs one").ProducesProblem(400).ProducesProblem(401);
        return app;
    }

    private static async Task<IResult> SignInAsync(StaffSignInRequest request, bool? cookie, SignInManager<StaffUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return HttpErrors.ValidationFailed.With("user_name and password are required.").ToResult();
        }

        var result = await signIn.SignInStaffAsync(cookie == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme, request.UserName, request.Password, request.TotpCode);
        if (result.RequiresTwoFactor)
        {
            return HttpErrors.TotpRequired.With("This account has a second factor: send totp_code from the authenticator app with the password.").ToResult();
        }

        if (result.IsLockedOut)
        {
            return HttpErrors.StaffLockedOut.With($"The account is locked after {StaffAccounts.MaxFailedAccessAttempts} failed sign-ins; try again in {StaffAccounts.LockoutTime.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes or ask an admin.").ToResult();
        }

        // The bearer scheme has written the token itself; the cookie scheme has set its cookie.
        return result.Succeeded ? Results.Empty : HttpErrors.StaffSignInFailed.With("Wrong user name, password or TOTP code.").ToResult();
    }

    /// <summary>Runs <paramref name="action"/> for the signed-in staff member's account, if it still exists.</summary>
    private static async Task<IResult> AsUserAsync(HttpContext http, UserManager<StaffUser> users, Func<StaffUser, Task<IResult>> action) =>
        await users.GetUserAsync(http.User) is { } user
            ? await action(user)
            : HttpErrors.StaffUnauthenticated.With("The account no longer exists.").ToResult();

    /// <summary>Any signed-in staff member, whatever the role.</summary>
    private static TBuilder RequireStaffMember<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddAuthenticationSchemes(StaffAccess.Schemes).RequireAuthenticatedUser()).WithMetadata(new StaffAccess.Required("any"));
}

public sealed record StaffSignInRequest(string? UserName, string? Password, string? TotpCode);

/// <summary>What the bearer scheme answers a sign-in with (ASP.NET Core Identity's AccessTokenResponse, in the API's snake_case).</summary>
public sealed record StaffTokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public sealed record StaffMeResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, bool TotpEnabled);

public sealed record TotpSetupResponse(string SharedKey, string OtpauthUri);

public sealed record TotpConfirmation(string? Code);
