using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Application.Prescriptions;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Application.Federation;

/// <summary>The process's one HTTP client for federation (connections pooled, recycled so that a peer's new address is seen).</summary>
public sealed class FederationHttp : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public void Dispose() => Client.Dispose();
}

/// <summary>
/// Signed calls between federation peers: a node to the hub, the hub to a node. A call that fails on
/// the way (no connection, a timeout, a server error) is sent again with the same body, so the same
/// message id, and after the configured attempts answers <c>insured_node_unavailable</c>: the
/// receivers apply each message id once, so a retry of a message that did arrive changes nothing.
/// </summary>
public sealed class FederationClient(FederationHttp http, FederationKeys keys, YibaoDbContext db, IOptions<YibaoOptions> options, TimeProvider clock)
{
    private FederationOptions Options => options.Value.Federation;

    /// <param name="peerId">The peer to call (the hub, from a node).</param>
    /// <param name="path">The path on the peer, e.g. <c>/hub/areas/110100/claims/adjudicate</c>.</param>
    /// <param name="origin">The node the message comes from: this one, unless the hub forwards another's.</param>
    /// <param name="unavailable">The node named when the call fails.</param>
    public async Task<Result<T>> SendAsync<T>(string peerId, string path, object body, string? origin, string unavailable, CancellationToken ct)
    {
        var sent = await SendRawAsync(peerId, path, JsonSerializer.Serialize(body, FederationWire.Json), origin, unavailable, ct);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        FederationReply<T>? reply;
        try
        {
            reply = JsonSerializer.Deserialize<FederationReply<T>>(sent.Value, FederationWire.Json);
        }
        catch (JsonException)
        {
            reply = null;
        }

        return reply switch
        {
            { Error: { } error } => error.ToDomain(),
            { Value: { } value } => value,
            _ => FederationErrors.Unavailable(unavailable),
        };
    }

    /// <summary>The same, answering the peer's reply as it came (the hub relays a node's reply untouched).</summary>
    public async Task<Result<string>> SendRawAsync(string peerId, string path, string json, string? origin, string unavailable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        var peer = await db.FederationPeers.AsNoTracking().FirstOrDefaultAsync(p => p.PeerId == peerId, ct);
        if (peer is null)
        {
            return FederationErrors.PeerNotFound.With($"No federation peer {peerId} is registered here (yibao federation peer add).");
        }

        var key = await keys.SigningKeyAsync(ct);
        if (key is null)
        {
            return FederationErrors.NotConfigured.With("This process has no federation key (yibao federation key create).");
        }

        var signer = Options.IsHub ? FederationOptions.HubRole : Options.NodeId;
        origin ??= signer;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, Options.TimeoutSeconds)));
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(peer.BaseUrl), path));
                var time = clock.GetUtcNow().ToUnixTimeMilliseconds();
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                request.Headers.Add(FederationSigning.SignerHeader, signer);
                request.Headers.Add(FederationSigning.OriginHeader, origin);
                request.Headers.Add(FederationSigning.TimeHeader, time.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add(FederationSigning.SignatureHeader, NationalCrypto.Sign(key, FederationSigning.Text("POST", request.RequestUri!.PathAndQuery, signer, origin, time, json)));
                using var response = await http.Client.SendAsync(request, timeout.Token);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    return FederationErrors.Unauthenticated.With($"Federation peer {peerId} did not accept this process's signature.");
                }

                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync(timeout.Token);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                // Sent again below, with the same message id.
            }

            if (attempt >= Math.Max(1, Options.Attempts))
            {
                return FederationErrors.Unavailable(unavailable);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct); // network back-off: real time, whatever the clock
        }
    }
}
