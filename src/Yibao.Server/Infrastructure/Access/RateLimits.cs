using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Yibao.Server.Infrastructure.Access;

/// <summary>
/// ASP.NET Core's rate limiters (<c>System.Threading.RateLimiting</c>), asked where the key is
/// known: sign-ins per client address, one budget for every door that signs people in (the staff
/// API, the phone, the console's form), and requests per institution credential, asked by
/// <see cref="InstitutionAccess"/> and the gateway once the signature is verified, so that a forger
/// naming another institution's paasid cannot use up its budget.
/// </summary>
internal static class RateLimits
{
    public const string SignInRefusal = "Too many sign-in attempts from this address; wait a minute.";

    public static IServiceCollection AddYibaoRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton(sp =>
        {
            var perSecond = sp.GetRequiredService<IOptions<YibaoOptions>>().Value.InstitutionRequestsPerSecond;
            return new InstitutionLimiter(PartitionedRateLimiter.Create<string, string>(paasid => RateLimitPartition.GetTokenBucketLimiter(paasid, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond * 2,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
        });
        return services;
    }

    public static async ValueTask TooManyAsync(HttpContext http, RateLimitLease lease, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await HttpErrors.RateLimited.With(detail).ToResult().ExecuteAsync(http);
    }

    /// <summary>A sign-in endpoint spends its caller's address's budget; past it, <c>429 rate_limited</c>.</summary>
    public static TBuilder RequireSignInBudget<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            using var lease = http.RequestServices.GetRequiredService<SignInAttempts>().Acquire(http);
            if (!lease.IsAcquired)
            {
                await TooManyAsync(http, lease, SignInRefusal);
                return Results.Empty;
            }

            return await next(context);
        });
}

/// <summary>Sign-in attempts per client address, whichever door they come through.</summary>
internal sealed class SignInAttempts(IOptions<YibaoOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
    {
        PermitLimit = options.Value.SignInsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    }));

    public RateLimitLease Acquire(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "local");
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The native API's budget per institution credential (paasid).</summary>
internal sealed class InstitutionLimiter(PartitionedRateLimiter<string> limiter) : IDisposable
{
    public RateLimitLease Acquire(string paasid) => limiter.AttemptAcquire(paasid);

    public void Dispose() => limiter.Dispose();
}
