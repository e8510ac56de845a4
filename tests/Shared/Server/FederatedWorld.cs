using Microsoft.Extensions.DependencyInjection;
using Yibao.Application;
using Yibao.Application.Federation;
using Yibao.Storage;

namespace Yibao.Testing;

/// <summary>
/// A federation on loopback: the hub and two nodes, Hangzhou (<c>zj</c>, 330100) and Beijing
/// (<c>bj</c>, 110100), each a real server on its own socket and its own PostgreSQL database, their
/// keys made and registered as <c>yibao federation key</c> and <c>peer</c> do it. Each node holds its
/// own institutions and insured people; the hub holds neither.
/// </summary>
public sealed class FederatedWorld : IAsyncDisposable
{
    private FederatedWorld(YibaoServer hub, YibaoServer zj, YibaoServer bj) => (Hub, Zj, Bj) = (hub, zj, bj);

    public YibaoServer Hub { get; }

    public YibaoServer Zj { get; }

    public YibaoServer Bj { get; }

    public static async Task<FederatedWorld> StartAsync()
    {
        var hub = await YibaoServer.StartAsync("postgres", Settings(FederationOptions.HubRole, "hub", ""), kestrel: true);
        var zj = await YibaoServer.StartAsync("postgres", Settings(FederationOptions.NodeRole, "zj", "330100"), kestrel: true);
        var bj = await YibaoServer.StartAsync("postgres", Settings(FederationOptions.NodeRole, "bj", "110100"), kestrel: true);
        var hubKey = await KeyAsync(hub);
        foreach (var (node, id, area) in new[] { (zj, "zj", "330100"), (bj, "bj", "110100") })
        {
            await AddPeerAsync(hub, new AddFederationPeer(id, Url(node), [area], await KeyAsync(node)));
            await AddPeerAsync(node, new AddFederationPeer(FederationOptions.HubRole, Url(hub), [], hubKey));
        }

        return new FederatedWorld(hub, zj, bj);
    }

    /// <summary>The node's settings; its reconciler is run by the tests themselves.</summary>
    public static Dictionary<string, string?> Settings(string role, string nodeId, string areas) => new()
    {
        ["Yibao:Federation:Role"] = role,
        ["Yibao:Federation:NodeId"] = nodeId,
        ["Yibao:Federation:Areas"] = areas,
        ["Yibao:Federation:ReconcileEverySeconds"] = "0",
        ["Yibao:Federation:Attempts"] = "2",
    };

    public static string Url(YibaoServer server) => server.CreateClient().BaseAddress!.ToString();

    public static async Task<string> KeyAsync(YibaoServer server)
    {
        var key = await RunAsync(server, sp => sp.GetRequiredService<InitFederationKeyHandler>().HandleAsync(new InitFederationKey(), default));
        return key.PublicKey;
    }

    public static Task<FederationPeerView> AddPeerAsync(YibaoServer server, AddFederationPeer peer) =>
        RunAsync(server, sp => sp.GetRequiredService<AddFederationPeerHandler>().HandleAsync(peer, default));

    /// <summary>Runs a use case in its own unit of work on <paramref name="server"/>, as a door would, and expects it to succeed.</summary>
    public static async Task<T> RunAsync<T>(YibaoServer server, Func<IServiceProvider, Task<Domain.Result<T>>> work)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YibaoDbContext>();
        var result = await db.InTransactionAsync(scope.ServiceProvider.GetRequiredService<WriteGate>(), () => work(scope.ServiceProvider), default);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Bj.DisposeAsync();
        await Zj.DisposeAsync();
        await Hub.DisposeAsync();
    }
}
