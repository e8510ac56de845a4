using Microsoft.EntityFrameworkCore;
using Yibao.Application.Federation;
using Yibao.Application.Prescriptions;
using Yibao.Testing;

namespace Yibao.Application.Tests.Federation;

/// <summary>Keys, the directory of peers, and what the hub and the nodes answer when a peer cannot be reached.</summary>
public sealed class FederationPeerTests
{
    /// <summary>A loopback port nothing listens on.</summary>
    private const string Nowhere = "http://127.0.0.1:9";

    private static Task<TestApplication> HubAsync(string provider) =>
        TestApplication.CreateAsync(provider, options: o => { o.Federation.Role = FederationOptions.HubRole; o.Federation.Attempts = 2; });

    private static string NewPublicKey() => NationalCrypto.NewKeyPair().PublicKey;

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task InitFederationKey_SecondCall_AnswersTheSameKey(string provider)
    {
        await using var app = await HubAsync(provider);

        var first = (await app.CommitAsync(s => s.Use<InitFederationKeyHandler>().HandleAsync(new InitFederationKey(), default))).Ok();
        var second = (await app.CommitAsync(s => s.Use<InitFederationKeyHandler>().HandleAsync(new InitFederationKey(), default))).Ok();

        Assert.Equal(first.PublicKey, second.PublicKey);
        Assert.True(FederationKeys.IsPublicKey(first.PublicKey));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AddFederationPeer_AreaServedByAnotherNode_IsRefused(string provider)
    {
        await using var app = await HubAsync(provider);
        (await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("zj", "http://127.0.0.1:5001/", ["330100"], NewPublicKey()), default))).Ok();

        var taken = await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("zj2", "http://127.0.0.1:5002", ["330100"], NewPublicKey()), default));
        var badKey = await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("bj", "http://127.0.0.1:5003", ["110100"], "04ABCD"), default));
        var badUrl = await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("bj", "ftp://x", ["110100"], NewPublicKey()), default));
        var peers = await app.ReadAsync(s => s.Use<ListFederationPeersHandler>().HandleAsync(new ListFederationPeers(), default));

        Assert.Equal(["federation_invalid", "federation_invalid", "federation_invalid"], new[] { taken.Refusal(), badKey.Refusal(), badUrl.Refusal() });
        Assert.Equal(("zj", "http://127.0.0.1:5001"), (peers.Single().PeerId, peers.Single().BaseUrl));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListFederationPeers_TwoNodes_ListedByIdWithTheirAreas(string provider)
    {
        await using var app = await HubAsync(provider);
        (await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("zj", "http://127.0.0.1:5001", ["330100"], NewPublicKey()), default))).Ok();
        (await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("bj", "http://127.0.0.1:5002", ["110100", "110200"], NewPublicKey()), default))).Ok();

        var peers = await app.ReadAsync(s => s.Use<ListFederationPeersHandler>().HandleAsync(new ListFederationPeers(), default));

        Assert.Equal(["bj", "zj"], peers.Select(p => p.PeerId));
        Assert.Equal(["110100", "110200"], peers[0].Areas);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AcceptPeerKey_NewKey_ThePreviousVerifiesOnlyForTheGracePeriod(string provider)
    {
        await using var app = await HubAsync(provider);
        var (oldPrivate, oldPublic) = NationalCrypto.NewKeyPair();
        (await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("zj", "http://127.0.0.1:5001", ["330100"], oldPublic), default))).Ok();

        (await app.CommitAsync(s => s.Use<AcceptPeerKeyHandler>().HandleAsync(new AcceptPeerKey("zj", NewPublicKey()), default))).Ok();

        var peer = await app.ReadAsync(s => s.Db.FederationPeers.SingleAsync());
        var signature = NationalCrypto.Sign(NationalCrypto.PrivateKey(oldPrivate), "text");
        Assert.Equal(oldPublic, peer.PreviousPublicKey);
        Assert.True(FederationKeys.Verifies(peer, "text", signature, peer.RotatedAt!.Value.AddMinutes(5), TimeSpan.FromMinutes(10)));
        Assert.False(FederationKeys.Verifies(peer, "text", signature, peer.RotatedAt!.Value.AddMinutes(11), TimeSpan.FromMinutes(10)));
        Assert.False(FederationKeys.Verifies(peer, "other text", signature, peer.RotatedAt!.Value, TimeSpan.FromMinutes(10)));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RotateFederationKey_PeerUnreachable_KeepsTheCurrentKey(string provider)
    {
        await using var app = await HubAsync(provider);
        var current = (await app.CommitAsync(s => s.Use<InitFederationKeyHandler>().HandleAsync(new InitFederationKey(), default))).Ok();
        (await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("zj", Nowhere, ["330100"], NewPublicKey()), default))).Ok();

        var refused = await app.ReadAsync(s => s.Use<RotateFederationKeyHandler>().HandleAsync(new RotateFederationKey(), default));
        var still = (await app.CommitAsync(s => s.Use<InitFederationKeyHandler>().HandleAsync(new InitFederationKey(), default))).Ok();

        Assert.Equal("insured_node_unavailable", refused.Refusal());
        Assert.Equal(current.PublicKey, still.PublicKey);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RouteMessage_NoNodeOrNodeDown_IsRefusedWithoutForwarding(string provider)
    {
        await using var app = await HubAsync(provider);
        (await app.CommitAsync(s => s.Use<InitFederationKeyHandler>().HandleAsync(new InitFederationKey(), default))).Ok();
        (await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("zj", Nowhere, ["330100"], NewPublicKey()), default))).Ok();
        Task<Domain.Result<string>> RouteAsync(string area, string operation) =>
            app.ReadAsync(s => s.Use<RouteMessageHandler>().HandleAsync(new RouteMessage(area, null, operation, "{}", "bj"), default));

        Assert.Equal("federation_peer_not_found", (await RouteAsync("440100", "ledger")).Refusal());
        Assert.Equal("federation_invalid", (await RouteAsync("330100", "../admin")).Refusal());
        Assert.Equal("insured_node_unavailable", (await RouteAsync("330100", "ledger")).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task FindPersonAtNodes_OnlyNodeDown_AnswersUnavailable(string provider)
    {
        await using var app = await HubAsync(provider);
        (await app.CommitAsync(s => s.Use<InitFederationKeyHandler>().HandleAsync(new InitFederationKey(), default))).Ok();
        (await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("zj", Nowhere, ["330100"], NewPublicKey()), default))).Ok();

        var down = await app.ReadAsync(s => s.Use<FindPersonAtNodesHandler>().HandleAsync(new FindPersonAtNodes("{\"psn_no\":\"1\"}", "bj"), default));
        var none = await app.ReadAsync(s => s.Use<FindPersonAtNodesHandler>().HandleAsync(new FindPersonAtNodes("{\"psn_no\":\"1\"}", "zj"), default));

        Assert.Equal("insured_node_unavailable", down.Refusal());
        Assert.Equal("person_not_found", none.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ReconcileFederationEntries_TreatmentNodeUnreachable_LeavesTheEntryApplied(string provider)
    {
        await using var app = await InsuredNodeTests.BeijingAsync(provider);
        (await app.CommitAsync(s => s.Use<InitFederationKeyHandler>().HandleAsync(new InitFederationKey(), default))).Ok();
        (await app.CommitAsync(s => s.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer("hub", Nowhere, [], NewPublicKey()), default))).Ok();
        (await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(InsuredNodeTests.Claim("ST9"), "zj"), default))).Ok();

        var report = (await app.ReadAsync(s => s.Use<ReconcileFederationEntriesHandler>().HandleAsync(new ReconcileFederationEntries(All: true), default))).Ok();
        var tooRecent = (await app.ReadAsync(s => s.Use<ReconcileFederationEntriesHandler>().HandleAsync(new ReconcileFederationEntries(), default))).Ok();

        Assert.Equal((1, 0, 0, 1), (report.Asked, report.Committed, report.Aborted, report.Unanswered));
        Assert.Equal(0, tooRecent.Asked);
        Assert.Equal("applied", await app.ReadAsync(s => s.Db.FederationEntries.Select(e => e.Status).SingleAsync()));
    }
}
