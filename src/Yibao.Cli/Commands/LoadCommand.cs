using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;
using Yibao.Application.Staff;
using Yibao.Client;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao load</c>: drives register → upload → settle flows against a running server from C
/// concurrent clients for N seconds and reports throughput and latency percentiles. It first
/// loads its own synthetic insured persons through the admin API, so that load spreads over many
/// people as it does in production (one person's claims serialize by design).
/// </summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Base URL of a running server, e.g. http://127.0.0.1:5000", Required = true };
        var seconds = new Option<int>("--seconds") { Description = "How long to drive load", DefaultValueFactory = _ => 10 };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients", DefaultValueFactory = _ => 8 };
        var persons = new Option<int>("--persons") { Description = "Synthetic persons to spread claims over", DefaultValueFactory = _ => 1000 };
        var gateway = new Option<bool>("--gateway") { Description = "Go through the national-interface envelope (2201 → 2204 → 2207) with the demo institutions' credentials" };
        var personsAt = new Option<string?>("--persons-at") { Description = "Load the synthetic persons at another server (a federation's insured node), so that every flow settles across nodes" };
        var area = new Option<string>("--area") { Description = "The synthetic persons' insured area", DefaultValueFactory = _ => "330100" };
        var command = new Command("load", "Drive register → upload → settle flows against a server; print throughput and p50/p95/p99") { url, seconds, clients, persons, gateway, personsAt, area };
        command.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out _) || result.GetValue(personsAt) is { } at && !Uri.TryCreate(at, UriKind.Absolute, out _))
            {
                result.AddError("--url and --persons-at are absolute URLs such as http://127.0.0.1:5000");
            }

        });

        // Per option, so that an option left out is checked at its default (a command's validator reads it as 0).
        foreach (var (option, min, max) in new[] { (seconds, 1, 3600), (clients, 1, 1024), (persons, 1, 100_000) })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() is var value && (value < min || value > max))
                {
                    result.AddError($"{option.Name} is {min}..{max}, not {value}.");
                }
            });
        }
        command.SetAction(async (parse, ct) =>
        {
            var console = CliConsole.Create(parse.InvocationConfiguration.Output);
            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(url)!), Timeout = TimeSpan.FromSeconds(30) };
            using var insured = new HttpClient { BaseAddress = new Uri(parse.GetValue(personsAt) ?? parse.GetValue(url)!), Timeout = TimeSpan.FromSeconds(120) };
            var status = CliConsole.Create(parse.InvocationConfiguration.Error).Status();
            var run = await status.StartAsync($"Loading {parse.GetValue(persons):N0} synthetic persons through the admin API…", _ =>
                LoadRun.PrepareAsync(http, parse.GetValue(persons), ct, parse.GetValue(gateway), insuredAt: insured, area: parse.GetValue(area)!));
            var report = await status.StartAsync($"Driving {parse.GetValue(clients)} clients for {parse.GetValue(seconds)} s…", _ => run.DriveAsync(parse.GetValue(clients), TimeSpan.FromSeconds(parse.GetValue(seconds)), ct));
            report.Print(console);
            return report.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}

internal sealed class LoadRun(HttpClient http, string runId, IReadOnlyList<(string PsnNo, string Certno, string Insutype)> persons, bool gateway, TimeProvider clock)
{
    // Offline flows only: an online settlement needs the person's phone (QR code and face check), which a load driver does not have.
    private static readonly string[] PhysicalInstitutions = ["H33010000001", "H33010000003"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private const int PersonsPerRequest = 10_000;

    /// <param name="insuredAt">Where the persons are loaded: the server driven, or a federation's insured node.</param>
    public static async Task<LoadRun> PrepareAsync(HttpClient http, int count, CancellationToken ct, bool gateway = false, TimeProvider? clock = null, HttpClient? insuredAt = null, string area = "330100")
    {
        insuredAt ??= http;
        // Unique per run: persons and message ids must not collide with an earlier run on the same database.
        var prefix = "L" + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture) + Random.Shared.Next(100, 1000).ToString(CultureInfo.InvariantCulture);
        var persons = Enumerable.Range(0, count).Select(i => new
        {
            psn_no = $"{prefix}{i:D6}",
            name = $"Load person {i}",
            gender = (i % 2 + 1).ToString(CultureInfo.InvariantCulture),
            birthday = "1980-01-01",
            certno = $"{prefix}{i:D6}X",
            insutype = i % 3 == 0 ? "390" : "310",
            area,
            retired = i % 5 == 0,
            accountBalance = 5000m,

            // Registered for hypertension, so that their online visits for it are follow-ups.
            chronic = new[] { new { disease = "I10", name = "Hypertension", from = "2025-01-01" } },
        }).ToList();

        // In documents well under the admin API's size limit (16 MB: about 50,000 such persons), as the
        // demo data set's admin: like the institutions' credentials it drives with, the load driver is for the demo.
        var staffToken = await StaffSignInAsync(insuredAt, DemoStaff.UserName(StaffRoles.Admin), DemoStaff.Password, ct);
        foreach (var (batch, i) in persons.Chunk(PersonsPerRequest).Select((b, i) => (b, i)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/persons") { Content = JsonContent.Create(batch) };
            request.Headers.Authorization = new("Bearer", staffToken);
            request.Headers.Add("X-Msg-Id", $"{prefix}-persons-{i}");
            using var response = await insuredAt.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliFailure($"loading synthetic persons failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
        }

        return new LoadRun(http, prefix, persons.Select(p => (p.psn_no, p.certno, p.insutype)).ToList(), gateway, clock ?? TimeProvider.System);
    }

    private static async Task<string> StaffSignInAsync(HttpClient http, string userName, string password, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/staff/sign-in", new { user_name = userName, password }, Json, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliFailure($"signing in as {userName} failed ({(int)response.StatusCode} {text}): the load driver needs the demo data set's staff accounts.");
        }

        using var answer = JsonDocument.Parse(text);
        return answer.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<LoadReport> DriveAsync(int clients, TimeSpan duration, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        // One HIS per institution, shared by its load clients: msgids are numbered per institution.
        // Through the gateway only the physical institutions: online settlement needs each person's
        // e-certificate and face check, which a load driver has no phones for.
        var hisByInstitution = new Dictionary<string, GatewayClient>();
        if (gateway)
        {
            foreach (var institution in PhysicalInstitutions)
            {
                var his = new GatewayClient(http, GatewayIdentity.Demo(institution, "330100"), clock);
                await his.SignInAsync(cancellationToken: ct);
                hisByInstitution[institution] = his;
            }
        }

        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, deadline, hisByInstitution.GetValueOrDefault(PhysicalInstitutions[c % PhysicalInstitutions.Length]), ct), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadReport(clients, elapsed, results.SelectMany(r => r.Flows).ToList(), results.SelectMany(r => r.Requests).ToList(), results.Sum(r => r.Failed), results.SelectMany(r => r.Errors).Take(5).ToList());
    }

    private async Task<ClientResult> ClientAsync(int client, long deadline, GatewayClient? institutionHis, CancellationToken ct)
    {
        var result = new ClientResult();
        var random = new Random(client);
        var sequence = 0;
        var his = institutionHis is null ? null : new TimedGatewayClient(institutionHis, result);

        while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested)
        {
            var flowStart = Stopwatch.GetTimestamp();
            try
            {
                var person = persons[random.Next(persons.Count)];
                if (his is not null)
                {
                    await his.FlowAsync(person, ct);
                }
                else
                {
                    await NativeFlowAsync($"{runId}-C{client:D3}-{sequence++:D7}", person.PsnNo, PhysicalInstitutions[random.Next(PhysicalInstitutions.Length)], result, ct);
                }

                result.Flows.Add(Stopwatch.GetElapsedTime(flowStart).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException or GatewayCallException)
            {
                result.Failed++;
                result.Errors.Add(ex.Message);
            }
        }

        return result;
    }

    private static readonly object[] Lines =
    [
        new { code = "XC08CAA001A001", price = 1.85m, qty = 28m, amount = 51.80m },
        new { code = "XC10AAA005A001", price = 3.6m, qty = 28m, amount = 100.80m },
        new { code = "111100001", price = 25m, qty = 1m, amount = 25m },
    ];

    private async Task NativeFlowAsync(string msg, string psnNo, string institution, ClientResult result, CancellationToken ct)
    {
        // Signed as the demo institution's HIS would sign it (paasid = code, token = "demo-" + code).
        var identity = GatewayIdentity.Demo(institution, "330100");
        var visit = await SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = psnNo, med_type = "11", dise_codg = "I10" }, identity, msg + "r", result, ct);
        var mdtrtId = visit.GetProperty("mdtrt_id").GetString();
        await SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/fees", new { lines = Lines }, identity, msg + "f", result, ct);
        await SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { }, identity, msg + "s", result, ct);
    }

    /// <summary>
    /// Register → upload → settle through the envelope (2201 → 2204 → 2207), as one of a demo
    /// institution's terminals: the native flow's three steps, 2207 naming the medical type as HIS
    /// systems do when they skip 2203.
    /// </summary>
    private sealed class TimedGatewayClient(GatewayClient his, ClientResult result)
    {
        private static readonly FeeDetail[] Fees =
        [
            FeeDetail.Of("1", "XC08CAA001A001", 1.85m, 28m),
            FeeDetail.Of("2", "XC10AAA005A001", 3.6m, 28m),
            FeeDetail.Of("3", "111100001", 25m, 1m),
        ];

        private GatewayClient His => his;

        public async Task FlowAsync((string PsnNo, string Certno, string Insutype) person, CancellationToken ct)
        {
            var registered = await TimedAsync(() => His.RegisterAsync(person.PsnNo, person.Insutype, "330100", "02", person.Certno, cancellationToken: ct));
            var mdtrtId = registered.GetProperty("data").GetProperty("mdtrt_id").GetString()!;
            await TimedAsync(() => His.UploadFeesAsync(mdtrtId, person.PsnNo, Fees, ct));
            await TimedAsync(() => His.SettleAsync(new SettleRequest(mdtrtId, person.PsnNo, person.Insutype, "330100", "11", Fees.Sum(f => f.Amount), "02", person.Certno), cancellationToken: ct));
        }

        private async Task<JsonElement> TimedAsync(Func<Task<GatewayResult>> call)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await call();
            result.Requests.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return response.Expect();
        }
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object body, GatewayIdentity identity, string msgId, ClientResult result, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("X-Msg-Id", msgId);
        foreach (var (name, value) in TifSignature.Headers(identity, clock.GetUtcNow()))
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        result.Requests.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }

    private sealed class ClientResult
    {
        public List<double> Flows { get; } = [];
        public List<double> Requests { get; } = [];
        public List<string> Errors { get; } = [];
        public int Failed { get; set; }
    }
}

internal sealed record LoadReport(int Clients, TimeSpan Elapsed, IReadOnlyList<double> Flows, IReadOnlyList<double> Requests, int Failed, IReadOnlyList<string> Errors)
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public void Print(IAnsiConsole console)
    {
        var table = new Table().AddColumns("", "count", "per second", "p50 ms", "p95 ms", "p99 ms");
        foreach (var (name, values) in new[] { ("settlement flows", Flows), ("requests", Requests) })
        {
            table.AddRow(
                name,
                values.Count.ToString(CultureInfo.InvariantCulture),
                (values.Count / Elapsed.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture),
                Percentile(values, 50).ToString("F2", CultureInfo.InvariantCulture),
                Percentile(values, 95).ToString("F2", CultureInfo.InvariantCulture),
                Percentile(values, 99).ToString("F2", CultureInfo.InvariantCulture));
        }

        console.MarkupLine($"[bold]yibao load[/]: {Clients} clients for {Elapsed.TotalSeconds:F1} s, {Failed} failed flows");
        console.Write(table);
        foreach (var error in Errors)
        {
            console.MarkupLineInterpolated($"[red]{error}[/]");
        }
    }
}
