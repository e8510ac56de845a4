using System.Security.Cryptography;

namespace Yibao.Server.Infrastructure.Access;

/// <summary>
/// Headers every answer carries (no sniffing, no referrer), and on the server's own pages (HTML)
/// no framing and a content security policy: only this origin, inline scripts only with the page's
/// nonce. The interactive API docs (<c>/scalar</c>) keep the policy of their package. The nonce is
/// made only for a page, not for every API answer.
/// </summary>
internal static class SecurityHeaders
{
    private const string NonceKey = "yibao.csp-nonce";

    /// <summary>The nonce a page's own inline script must carry, made when first asked for.</summary>
    public static string Nonce(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                && !http.Request.Path.StartsWithSegments("/scalar", StringComparison.Ordinal))
            {
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'self' 'nonce-{Nonce(http)}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
            }

            return Task.CompletedTask;
        });
        await next(http);
    });
}
