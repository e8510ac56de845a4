using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Yibao.Bench.Floor;

/// <summary>Runs a flow from N concurrent clients for a while and prints flows/s with latency percentiles.</summary>
internal static class FloorLoad
{
    private static readonly FeeLine[] Lines = [.. Enumerable.Range(1, 8).Select(sn => new FeeLine(sn, "XC08CAA001A001", 1.85m, 28m, 51.80m))];

    /// <summary>Straight to PostgreSQL through a flow, no HTTP.</summary>
    public static Func<int, int, CancellationToken, Task> Direct(IFlow flow) => async (client, n, ct) =>
    {
        var mdtrtId = await flow.RegisterAsync(Random.Shared.NextInt64(1, 100_001), $"R{client}-{n}-{Guid.NewGuid():N}"[..30], ct);
        await flow.UploadAsync(mdtrtId, Lines, ct);
        _ = await flow.SettleAsync(mdtrtId, $"S{client}-{n}-{Guid.NewGuid():N}"[..30], ct) ?? throw new InvalidOperationException("not settled");
    };

    /// <summary>Through <see cref="FloorServer"/>'s three requests.</summary>
    public static Func<int, int, CancellationToken, Task> Http(HttpClient http) => async (client, n, ct) =>
    {
        using var registered = await http.PostAsJsonAsync("/visits",
            new RegisterRequest(Random.Shared.NextInt64(1, 100_001), "11", "I10", $"R{client}-{n}-{Guid.NewGuid():N}"[..30]), FloorJson.Options, ct);
        var visit = await registered.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(FloorJson.Options, ct);
        var mdtrtId = visit.GetProperty("mdtrt_id").GetInt64();
        using var uploaded = await http.PostAsJsonAsync($"/visits/{mdtrtId}/fees", new UploadRequest(Lines), FloorJson.Options, ct);
        _ = await uploaded.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(FloorJson.Options, ct);
        using var settled = await http.PostAsJsonAsync($"/visits/{mdtrtId}/settlement", new SettleRequest($"S{client}-{n}-{Guid.NewGuid():N}"[..30]), FloorJson.Options, ct);
        _ = await settled.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Settled>(FloorJson.Options, ct);
    };

    public static async Task<string> DriveAsync(int clients, TimeSpan duration, Func<int, int, CancellationToken, Task> flow)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var times = new List<double>();
            for (var n = 0; Stopwatch.GetTimestamp() < deadline; n++)
            {
                var start = Stopwatch.GetTimestamp();
                await flow(client, n, CancellationToken.None);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return times;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = perClient.SelectMany(t => t).Order().ToArray();
        double At(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        return string.Create(CultureInfo.InvariantCulture,
            $"{all.Length} flows, {all.Length / elapsed:F1} flows/s, p50 {At(0.50):F1} ms, p95 {At(0.95):F1} ms, p99 {At(0.99):F1} ms");
    }
}
