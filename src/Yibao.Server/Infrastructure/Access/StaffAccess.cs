using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Yibao.Application.Staff;
using Yibao.Storage.Entities;

namespace Yibao.Server.Infrastructure.Access;

/// <summary>
/// Agency staff sign in with their Identity account and call the admin API (and later the console)
/// with the bearer token that sign-in answers, or with its cookie. Each endpoint names the staff
/// role it needs; <c>admin</c> passes every such check. There is no other way in: no loopback
/// exception, no shared token.
/// </summary>
internal static class StaffAccess
{
    /// <summary>The schemes a staff request may authenticate with.</summary>
    public static readonly string[] Schemes = [IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme];

    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public static string Policy(string role) => "staff:" + role;

    /// <summary>The console's pages: any staff member signed in with the staff cookie; <c>console:ROLE</c> for a desk's pages.</summary>
    public const string ConsolePolicy = "console";

    public static IServiceCollection AddStaffSignIn(this IServiceCollection services, Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication, bool development)
    {
        new IdentityBuilder(typeof(StaffUser), typeof(IdentityRole), services).AddSignInManager();
        authentication.AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TokenLifetime);
        authentication.AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
        {
            o.Cookie.Name = "yibao.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = false;
            o.LoginPath = "/console/sign-in";
            o.AccessDeniedPath = "/console/denied";
        }));
        var policies = services.AddAuthorizationBuilder();
        foreach (var role in StaffRoles.All)
        {
            policies.AddPolicy(Policy(role), p => p.AddAuthenticationSchemes(Schemes).RequireAuthenticatedUser().RequireRole(role, StaffRoles.Admin));
            policies.AddPolicy(ConsolePolicy + ":" + role, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireRole(role, StaffRoles.Admin));
        }

        policies.AddPolicy(ConsolePolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireRole(StaffRoles.All));

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, StaffRefusals>();
        return services;
    }

    /// <summary>Requires a staff member with <paramref name="role"/> (or <c>admin</c>).</summary>
    public static TBuilder RequireStaff<TBuilder>(this TBuilder builder, string role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy(role)).WithMetadata(new Required(role));

    /// <summary>Marks an endpoint for staff of a role (for the OpenAPI document and the access matrix).</summary>
    public sealed record Required(string Role);

    /// <summary>
    /// The staff sign-in rule, for the API and the console alike: the password (a failure counts
    /// towards the lockout), then the TOTP code when the account has one and the caller gave it.
    /// </summary>
    public static async Task<SignInResult> SignInStaffAsync(this SignInManager<StaffUser> signIn, string scheme, string userName, string password, string? totpCode)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        signIn.AuthenticationScheme = scheme;
        var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
        return result.RequiresTwoFactor && !string.IsNullOrWhiteSpace(totpCode)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(totpCode.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false)
            : result;
    }

    /// <summary>Who a staff request acts as, in the audit log: <c>staff:USER</c>.</summary>
    public static string Actor(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return "staff:" + (http.User.Identity?.Name ?? throw new InvalidOperationException("no staff member authenticated this request"));
    }

    /// <summary>
    /// A refused staff request answers problem+json with a code, as every other refusal does,
    /// instead of a bare challenge or a redirect to a sign-in page.
    /// </summary>
    private sealed class StaffRefusals : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            var staff = context.GetEndpoint()?.Metadata.GetMetadata<Required>();
            if (staff is null || authorizeResult.Succeeded)
            {
                await _default.HandleAsync(next, context, policy, authorizeResult);
                return;
            }

            var error = authorizeResult.Challenged
                ? HttpErrors.StaffUnauthenticated.With("Sign in as agency staff (POST /api/staff/sign-in) and send Authorization: Bearer ACCESS_TOKEN, or the staff cookie.")
                : HttpErrors.StaffRoleRequired.With($"This needs a staff member with the role {staff.Role} (or admin).");
            await error.ToResult().ExecuteAsync(context);
        }
    }
}
