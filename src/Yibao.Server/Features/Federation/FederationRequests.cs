using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Application.Federation;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Server.Features.Federation;

/// <summary>A federation request whose signature verified: who signed it, the node it comes from, and its body.</summary>
internal sealed record SignedRequest(string Signer, string Origin, string Body);

/// <summary>
/// The federation door's authentication: every request is signed by a peer this process knows (the
/// hub, at a node; a node, at the hub), within the allowed clock skew. What fails is a 401; what a
/// use case refuses travels in the answer's envelope, with its code and kind.
/// </summary>
internal static class FederationRequests
{
    private const int MaxBody = 1 << 20;

    /// <summary>The verified request, or null when it is refused (the 401 is written).</summary>
    /// <param name="fromHub">At a node: only the hub may call. At the hub: only a node.</param>
    public static async Task<SignedRequest?> ReadAsync(HttpContext http, bool fromHub)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<YibaoOptions>>().Value.Federation;
        var clock = services.GetRequiredService<TimeProvider>();
        if (fromHub ? !options.IsNode : !options.IsHub)
        {
            await RefuseAsync(http, "This process is not in that federation role.");
            return null;
        }

        var request = http.Request;
        var signer = request.Headers[FederationSigning.SignerHeader].ToString();
        var origin = request.Headers[FederationSigning.OriginHeader].ToString();
        var signature = request.Headers[FederationSigning.SignatureHeader].ToString();
        if (request.ContentLength > MaxBody
            || !long.TryParse(request.Headers[FederationSigning.TimeHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var time)
            || (fromHub ? signer != FederationOptions.HubRole : signer == FederationOptions.HubRole || origin != signer))
        {
            await RefuseAsync(http, "A federation request names its signer, origin and time, and is signed.");
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var db = services.GetRequiredService<YibaoDbContext>();
        var peer = await db.FederationPeers.AsNoTracking().FirstOrDefaultAsync(p => p.PeerId == signer, http.RequestAborted);
        var now = clock.GetUtcNow();
        var text = FederationSigning.Text(request.Method, request.Path + request.QueryString, signer, origin, time, body);
        if (peer is null || Math.Abs(now.ToUnixTimeMilliseconds() - time) > options.ClockSkewSeconds * 1000L
            || !FederationKeys.Verifies(peer, text, signature, now, TimeSpan.FromMinutes(options.KeyGraceMinutes)))
        {
            await RefuseAsync(http, "The request is not signed by a known federation peer, or its time is too far from this one's.");
            return null;
        }

        return new SignedRequest(signer, origin, body);
    }

    /// <summary>The body as a message, or a refusal of its form.</summary>
    public static Result<T> Parse<T>(SignedRequest request)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<T>(request.Body, FederationWire.Json) is { } value
                ? value
                : FederationErrors.Invalid.With("The message is empty.");
        }
        catch (System.Text.Json.JsonException e)
        {
            return FederationErrors.Invalid.With($"The message is not well formed: {e.Message}");
        }
    }

    /// <summary>An answer in the federation envelope.</summary>
    public static IResult Answer<T>(Result<T> result) => Results.Content(FederationWire.Answer(result), "application/json", Encoding.UTF8);

    private static Task RefuseAsync(HttpContext http, string detail) =>
        Infrastructure.ApiError.From(FederationErrors.Unauthenticated.With(detail)).ToResult().ExecuteAsync(http);
}
