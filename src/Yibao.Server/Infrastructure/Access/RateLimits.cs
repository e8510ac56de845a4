using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Yibao.Server.Infrastructure.Access;

/// <summary>
/// ASP.NET Core rate limiting: sign-ins per client address (the <see cref="SignIn"/> policy), and
/// native requests per institution credential. The credential is known only once its signature is
/// verified, so that limiter is asked by <see cref="InstitutionAccess"/> after verification: a
/// forger naming another institution's paasid cannot use up its budget.
/// </summary>
internal static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddYibaoRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignIn, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<YibaoOptions>>().Value.SignInsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = (context, _) => TooManyAsync(context.HttpContext, context.Lease, "Too many sign-in attempts from this address; wait a minute.");
        });
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
}

/// <summary>
/// Sign-in attempts on the console's page, per client address: a page's form post is not an
/// endpoint of its own that the middleware's policy could name.
/// </summary>
internal sealed class SignInAttempts(IOptions<YibaoOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
    {
        PermitLimit = options.Value.SignInsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    }));

    public bool TryAcquire(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "local");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The native API's budget per institution credential (paasid).</summary>
internal sealed class InstitutionLimiter(PartitionedRateLimiter<string> limiter) : IDisposable
{
    public RateLimitLease Acquire(string paasid) => limiter.AttemptAcquire(paasid);

    public void Dispose() => limiter.Dispose();
}
