using System.Collections.Concurrent;
using System.Text.Json;
using Yibao.Client;

namespace Yibao.Testing;

/// <summary>
/// Signs each native request as the institution it acts for, as that institution's own HIS would:
/// the <c>fixmedins_code</c> a registration names, the institution a path names, or the one that
/// owns the visit, settlement or payment order in the path (learnt from the answers it has seen);
/// otherwise <paramref name="defaultInstitution"/>. The server checks every signature as usual; the
/// access tests use one explicit <see cref="YibaoServer.InstitutionClient"/> per institution instead.
/// </summary>
public sealed class ActingInstitutionsHandler(TimeProvider clock, string defaultInstitution = "H33010000001") : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var institution = await InstitutionOfAsync(request, cancellationToken);

        // Only the native API, and only requests nobody signed already (the gateway's clients sign their own).
        if (request.RequestUri!.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) && !request.Headers.Contains("x-tif-paasid"))
        {
            foreach (var (name, value) in TifSignature.Headers(GatewayIdentity.Demo(institution, "330100"), clock.GetUtcNow()))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            Learn(await response.Content.ReadAsStringAsync(cancellationToken), institution);
        }

        return response;
    }

    private async Task<string> InstitutionOfAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["api", "institutions", var code, ..])
        {
            return code;
        }

        if (segments is ["api", "visits" or "settlements" or "payment-orders", var id, ..] && _owners.TryGetValue(id, out var owner))
        {
            return owner;
        }

        if (request.Content is { } content && content.Headers.ContentType?.MediaType == "application/json")
        {
            await content.LoadIntoBufferAsync(ct);
            try
            {
                using var body = JsonDocument.Parse(await content.ReadAsStringAsync(ct));
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("fixmedins_code", out var named) && named.ValueKind == JsonValueKind.String)
                {
                    return named.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all (a bad-input test): sign as the default.
            }
        }

        return defaultInstitution;
    }

    /// <summary>Remembers who owns the visit, settlement or order an answer names.</summary>
    private void Learn(string json, string institution)
    {
        try
        {
            using var body = JsonDocument.Parse(json);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            var owner = body.RootElement.TryGetProperty("fixmedins_code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString()! : institution;
            foreach (var id in new[] { "mdtrt_id", "setl_id", "pay_ord_id" })
            {
                if (body.RootElement.TryGetProperty(id, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    _owners.TryAdd(value.GetString()!, owner);
                }
            }
        }
        catch (JsonException)
        {
            // Not an answer this handler learns from.
        }
    }
}
