using System.Security.Cryptography;

namespace Yibao.Server.Infrastructure.Access;

/// <summary>
/// Headers every answer carries (no sniffing, no referrer, no framing), and on the server's own
/// pages a content security policy: only this origin, no framing, inline scripts only with the
/// page's nonce. The interactive API docs (<c>/scalar</c>) keep the policy of their package.
/// </summary>
internal static class SecurityHeaders
{
    private const string NonceKey = "yibao.csp-nonce";

    /// <summary>The nonce a page's own inline script must carry.</summary>
    public static string Nonce(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[NonceKey] as string ?? throw new InvalidOperationException("no CSP nonce: UseSecurityHeaders is not in the pipeline");
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!http.Request.Path.StartsWithSegments("/scalar", StringComparison.Ordinal))
            {
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
            }

            return Task.CompletedTask;
        });
        await next(http);
    });
}
