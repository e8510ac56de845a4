using Yibao.Application;
using Yibao.Application.Federation;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Server.Features.Federation;

/// <summary>
/// The federation's doors: a node's (<c>/federation/…</c>, called by the hub on another node's behalf)
/// and the hub's (<c>/hub/…</c>, called by nodes). Each request is signed by its peer; each answer is
/// an envelope of a value or an error with its code and kind. Not part of the public API.
/// </summary>
internal static class FederationEndpoints
{
    public static WebApplication MapFederation(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var node = app.MapGroup("/federation").ExcludeFromDescription().DisableAntiforgery();
        FromHub<PersonQuery, RemotePerson>(node, "/persons/find", (q, r, sp, ct) =>
            sp.GetRequiredService<AnswerPersonQueryHandler>().HandleAsync(new AnswerPersonQuery(q, r.Origin), ct));
        FromHub<LedgerQuery, RemoteLedgerView>(node, "/ledger", (q, r, sp, ct) =>
            sp.GetRequiredService<AnswerLedgerQueryHandler>().HandleAsync(new AnswerLedgerQuery(q, r.Origin), ct));
        FromHub<RemoteClaim, RemoteSplit>(node, "/claims/adjudicate", (q, r, sp, ct) =>
            sp.GetRequiredService<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(q, r.Origin), ct));
        foreach (var kind in new[] { "cancel", "restore" })
        {
            FromHub<RemoteEntryChange, LedgerState>(node, "/claims/" + kind, (q, r, sp, ct) =>
                sp.GetRequiredService<ChangeEntryForNodeHandler>().HandleAsync(new ChangeEntryForNode(q, kind, r.Origin), ct));
        }

        FromHub<DecisionQuery, int>(node, "/entries/aborted", (q, r, sp, ct) =>
            sp.GetRequiredService<UndoAbortedEntriesHandler>().HandleAsync(new UndoAbortedEntries(q.MsgIds, r.Origin), ct));
        FromHub<DecisionQuery, DecisionAnswer>(node, "/decisions", (q, r, sp, ct) =>
            sp.GetRequiredService<ResolveDecisionsHandler>().HandleAsync(new ResolveDecisions(q.MsgIds), ct));
        FromHub<RemoteQrDecode, RemotePerson>(node, "/ecert/decode", (q, r, sp, ct) =>
            sp.GetRequiredService<DecodeQrCodeForNodeHandler>().HandleAsync(new DecodeQrCodeForNode(q, r.Origin), ct));
        FromHub<PeerKey, bool>(node, "/keys", (q, r, sp, ct) =>
            sp.GetRequiredService<AcceptPeerKeyHandler>().HandleAsync(new AcceptPeerKey(r.Signer, q.PublicKey), ct));

        var hub = app.MapGroup("/hub").ExcludeFromDescription().DisableAntiforgery();
        hub.MapPost("/areas/{area}/{**operation}", (string area, string operation, HttpContext http) => RouteAsync(http, new RouteTarget(area, null, operation)));
        hub.MapPost("/nodes/{node}/{**operation}", (string node, string operation, HttpContext http) => RouteAsync(http, new RouteTarget(null, node, operation)));
        hub.MapPost("/persons/find", async (HttpContext http, FindPersonAtNodesHandler find) =>
            await FederationRequests.ReadAsync(http, fromHub: false) is { } request
                ? Relay(await find.HandleAsync(new FindPersonAtNodes(request.Body, request.Origin), http.RequestAborted))
                : Results.Empty);
        hub.MapPost("/keys", async (HttpContext http, YibaoDbContext db, WriteGate gate, AcceptPeerKeyHandler accept) =>
        {
            if (await FederationRequests.ReadAsync(http, fromHub: false) is not { } request)
            {
                return Results.Empty;
            }

            var key = FederationRequests.Parse<PeerKey>(request);
            return FederationRequests.Answer(key.IsSuccess
                ? await db.InTransactionAsync(gate, () => accept.HandleAsync(new AcceptPeerKey(request.Signer, key.Value.PublicKey), http.RequestAborted), http.RequestAborted)
                : Result<bool>.Failure(key.Error));
        });
        return app;
    }

    private sealed record RouteTarget(string? Area, string? Node, string Operation);

    /// <summary>A node's message for another node: routed by the directory, the answer relayed as it came.</summary>
    private static async Task<IResult> RouteAsync(HttpContext http, RouteTarget target)
    {
        if (await FederationRequests.ReadAsync(http, fromHub: false) is not { } request)
        {
            return Results.Empty;
        }

        var route = http.RequestServices.GetRequiredService<RouteMessageHandler>();
        return Relay(await route.HandleAsync(new RouteMessage(target.Area, target.Node, target.Operation, request.Body, request.Origin), http.RequestAborted));
    }

    private static IResult Relay(Result<string> answer) =>
        answer.IsSuccess ? Results.Content(answer.Value, "application/json", System.Text.Encoding.UTF8) : FederationRequests.Answer(Result<bool>.Failure(answer.Error));

    /// <summary>A node's endpoint for messages from another node, through the hub: parsed, then its use case in one transaction.</summary>
    private static void FromHub<TMessage, TAnswer>(RouteGroupBuilder group, string path, Func<TMessage, SignedRequest, IServiceProvider, CancellationToken, Task<Result<TAnswer>>> handle) =>
        group.MapPost(path, (Func<HttpContext, Task<IResult>>)(http => FromHubAsync(http, handle)));

    private static async Task<IResult> FromHubAsync<TMessage, TAnswer>(HttpContext http, Func<TMessage, SignedRequest, IServiceProvider, CancellationToken, Task<Result<TAnswer>>> handle)
    {
        if (await FederationRequests.ReadAsync(http, fromHub: true) is not { } request)
        {
            return Results.Empty;
        }

        var message = FederationRequests.Parse<TMessage>(request);
        if (!message.IsSuccess)
        {
            return FederationRequests.Answer(Result<TAnswer>.Failure(message.Error));
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<YibaoDbContext>();
        var gate = services.GetRequiredService<WriteGate>();
        var ct = http.RequestAborted;
        return FederationRequests.Answer(await db.InTransactionAsync(gate, () => handle(message.Value, request, services, ct), ct));
    }
}
