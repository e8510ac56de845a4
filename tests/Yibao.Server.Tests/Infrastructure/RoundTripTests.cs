using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Yibao.Client;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Storage;
using Yibao.Testing;

namespace Yibao.Server.Tests.Infrastructure;

/// <summary>
/// What one register → upload → settle flow costs in database round trips (commands, begins,
/// commits), natively and through the gateway, counted by an interceptor on the real pipeline. The
/// bounds catch an N+1 or a lost cache; the counts themselves are in the README.
/// </summary>
public sealed class RoundTripTests(ITestOutputHelper output)
{
    /// <summary>The random sweep of expired nonces (one request in a hundred) is housekeeping, not the flow: it is not counted.</summary>
    private static readonly Dictionary<string, string?> NoSweep = new() { ["Yibao:NonceSweepOneIn"] = "0" };

    private static readonly object[] Lines =
    [
        Api.Line("XC08CAA001A001", 1.85m, 28m),
        Api.Line("XC10AAA005A001", 3.6m, 28m),
        Api.Line("110200001", 25m, 1m),
    ];

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task NativeFlow_RegisterUploadSettle_TakesFewRoundTrips(string provider)
    {
        await using var server = await YibaoServer.StartListeningAsync(provider, NoSweep);
        var client = server.InstitutionClient("H33010000001");
        await FlowAsync(client); // warm: the reference data of this revision is now in memory

        var counts = await FlowAsync(client, server.RoundTrips);

        output.WriteLine($"{provider} native: register {counts[0]}, upload {counts[1]}, settle {counts[2]}, flow {counts.Sum()}");
        output.WriteLine(string.Join("\n", server.RoundTrips.Commands));
        // SQLite runs in-process and does not batch a save's statements: its "round trips" are calls.
        Assert.True(counts.Sum() <= (provider == "postgres" ? 14 : 34), $"native flow took {counts.Sum()} round trips: {string.Join(", ", counts)}");
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GatewayFlow_2201_2204_2207_TakesFewRoundTrips(string provider)
    {
        await using var server = await YibaoServer.StartListeningAsync(provider, NoSweep);
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var fees = new[] { FeeDetail.Of("1", "XC08CAA001A001", 1.85m, 28m), FeeDetail.Of("2", "XC10AAA005A001", 3.6m, 28m), FeeDetail.Of("3", "110200001", 25m, 1m) };
        async Task<long[]> GatewayFlowAsync(DbRoundTrips? trips)
        {
            var counts = new long[3];
            trips?.Reset();
            var mdtrtId = (await his.RegisterAsync("3301000000000001", "310", "330100", "02", "330106196803140013")).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
            counts[0] = Taken(trips);
            trips?.Reset();
            (await his.UploadFeesAsync(mdtrtId, "3301000000000001", fees)).Expect();
            counts[1] = Taken(trips);
            trips?.Reset();
            (await his.SettleAsync(new SettleRequest(mdtrtId, "3301000000000001", "310", "330100", "11", fees.Sum(f => f.Amount), "02", "330106196803140013"))).Expect();
            counts[2] = Taken(trips);
            return counts;
        }

        await GatewayFlowAsync(null);
        var counts = await GatewayFlowAsync(server.RoundTrips);

        output.WriteLine($"{provider} gateway: 2201 {counts[0]}, 2204 {counts[1]}, 2207 {counts[2]}, flow {counts.Sum()}");
        output.WriteLine(string.Join("\n", server.RoundTrips.Commands));
        Assert.True(counts.Sum() <= (provider == "postgres" ? 15 : 38), $"gateway flow took {counts.Sum()} round trips: {string.Join(", ", counts)}");
    }

    private static async Task<long[]> FlowAsync(HttpClient client, DbRoundTrips? trips = null)
    {
        var counts = new long[3];
        trips?.Reset();
        var mdtrtId = await client.RegisterAsync("3301000000000001", "H33010000001");
        counts[0] = Taken(trips);
        trips?.Reset();
        await client.UploadAsync(mdtrtId, Lines);
        counts[1] = Taken(trips);
        trips?.Reset();
        (await client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).EnsureSuccessStatusCode();
        counts[2] = Taken(trips);
        return counts;
    }

    /// <summary>
    /// The round trips of the step just made, less the one that, in one request of a hundred, also
    /// forgets expired nonces (TifAuthentication): not the flow's own cost, and counted step by step
    /// because each step starts a new count.
    /// </summary>
    private static long Taken(DbRoundTrips? trips) => trips is null
        ? 0
        : trips.Count - trips.Commands.Count(c => c.StartsWith("DELETE FROM", StringComparison.Ordinal) && c.Contains("gateway_nonces", StringComparison.Ordinal));
}
