using Yibao.Client;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Yibao.Storage;

namespace Yibao.Testing;

/// <summary>
/// The real server pipeline on a fresh database (a SQLite file, or a PostgreSQL database on the
/// throwaway test cluster), seeded with the demo world, with the clock at 2026-11-22 10:00 +08:00.
/// </summary>
// Any type of the server assembly names its entry point; Program is ambiguous where the CLI is referenced too.
public sealed class YibaoServer : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _settings;

    private YibaoServer(string connectionString, Dictionary<string, string?> settings)
    {
        _connectionString = connectionString;
        _settings = settings;
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public string ConnectionString => _connectionString;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="kestrel">Serve on a real socket (127.0.0.1, a free port), for a browser; otherwise in memory.</param>
    /// <param name="connectionString">A database of the caller's own, instead of a fresh one of <paramref name="provider"/>.</param>
    public static async Task<YibaoServer> StartAsync(string provider = "sqlite", Dictionary<string, string?>? settings = null, bool kestrel = false, string? connectionString = null)
    {
        connectionString ??= provider == "postgres"
            ? await PostgresServer.CreateDatabaseAsync("server")
            : $"Data Source={TestRun.File("server", ".db")}";
        var server = new YibaoServer(connectionString, settings ?? []);
        if (kestrel)
        {
            server.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
            server.StartServer();
        }
        else
        {
            _ = server.Server; // start now: migrations and the demo seed run here, not inside a test's timing
        }

        return server;
    }

    /// <summary>
    /// A server that, on PostgreSQL, listens for moves of the reference revision and for sign-outs, as
    /// a deployed one does once started: it then trusts what it has cached until it hears otherwise.
    /// </summary>
    public static async Task<YibaoServer> StartListeningAsync(string provider, Dictionary<string, string?>? settings = null, string? connectionString = null)
    {
        var server = await StartAsync(provider, settings, connectionString: connectionString);
        if (provider == "postgres")
        {
            var signals = server.Services.GetRequiredService<StorageOptions>().Signals;
            await Eventually.UntilAsync(() => signals.Listening, "the server listening for reference revisions and sign-outs");
        }

        return server;
    }

    /// <summary>A client of the native API that signs every request as the demo institution's credentials (paasid = code, token = "demo-" + code).</summary>
    public HttpClient InstitutionClient(string fixmedinsCode = "H33010000001") =>
        CreateDefaultClient(new TifSigningHandler(GatewayIdentity.Demo(fixmedinsCode, "330100"), Clock));

    /// <summary>Issues a real credential for an institution (as <c>yibao credentials issue</c> does) and a client that signs with it.</summary>
    public async Task<HttpClient> IssuedInstitutionClientAsync(string fixmedinsCode, string area = "330100")
    {
        await using var scope = Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<Yibao.Application.Credentials.IssueCredentialHandler>().HandleAsync(new Yibao.Application.Credentials.IssueCredential(fixmedinsCode, null, "test"), default);
        return CreateDefaultClient(new TifSigningHandler(new GatewayIdentity(fixmedinsCode, fixmedinsCode, area, issued.Value.Paasid, issued.Value.Token), Clock));
    }

    /// <summary>
    /// A client of the native API for tests that act for several institutions in turn: each request is
    /// signed as the institution it acts for (<see cref="ActingInstitutionsHandler"/>), with cookies and
    /// redirects as <c>CreateClient()</c> has them.
    /// </summary>
    public HttpClient HisClient() =>
        CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(), new ActingInstitutionsHandler(Clock));

    /// <summary>A client signed in as the demo staff account of <paramref name="role"/> (<c>demo.ROLE</c>), sending its bearer token.</summary>
    public async Task<HttpClient> StaffClientAsync(string role = Yibao.Application.Staff.StaffRoles.Admin)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await StaffTokenAsync(client, Yibao.Application.Staff.DemoStaff.UserName(role), Yibao.Application.Staff.DemoStaff.Password));
        return client;
    }

    /// <summary>Signs a staff member in and answers the access token.</summary>
    public static async Task<string> StaffTokenAsync(HttpClient client, string userName, string password, string? totpCode = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/staff/sign-in", new { user_name = userName, password, totp_code = totpCode }, Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"staff sign-in of {userName} failed: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!;
    }

    public YibaoDbContext OpenDatabase() => StorageOptions.FromConnectionString(_connectionString).CreateContext();

    /// <summary>Every round trip the server's contexts make to the database.</summary>
    public DbRoundTrips RoundTrips { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Yibao", _connectionString);
        builder.UseSetting("Yibao:CredentialKey", TestKeys.Base64Key);
        builder.UseSetting("Yibao:SignInsPerMinute", "100000"); // the rate-limit tests set their own
        builder.UseSetting("Yibao:Supervision:MonthlyRunDay", "0"); // no after-event run behind a test's back; the schedule's test sets its own
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<StorageOptions>();
            services.AddSingleton(StorageOptions.FromConnectionString(_connectionString) with { Interceptors = [RoundTrips] });
        });
    }
}

/// <summary>Calls of the native API as an institution's system makes them.</summary>
public static class Api
{
    private static int _sequence;

    public static string NewMsgId() => $"T{Interlocked.Increment(ref _sequence):D6}{Guid.NewGuid():N}"[..30];

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, object? body = null, string? msgId = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body is string text
                ? new StringContent(text, System.Text.Encoding.UTF8, "application/json")
                : JsonContent.Create(body, options: YibaoServer.Json);
        }

        if (method != HttpMethod.Get)
        {
            request.Headers.Add("X-Msg-Id", msgId ?? NewMsgId());
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string> RegisterAsync(this HttpClient client, string psnNo, string fixmedinsCode, string medType = "11", string? visitKind = null, string? disease = null)
    {
        var visit = await (await client.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = psnNo, fixmedins_code = fixmedinsCode, med_type = medType, visit_kind = visitKind, dise_codg = disease })).JsonAsync(201);
        return visit.GetProperty("mdtrt_id").GetString()!;
    }

    public static async Task<JsonElement> UploadAsync(this HttpClient client, string mdtrtId, params object[] lines) =>
        await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/fees", new { lines })).JsonAsync(200);

    public static object Line(string code, decimal price, decimal qty) => new { code, price, qty, amount = Domain.Money.Round(price * qty) };

    public static decimal Amount(this JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    /// <summary>A demo person's ID number, and their social security card's serial as the demo data set gives it.</summary>
    public static (string Certno, string CardSn) Card(string psnNo) =>
        (Yibao.Domain.Interchange.WorldJson.ReadPersons(Yibao.Application.Reference.DemoWorld.Read("persons.json")).Value.Single(p => p.PsnNo == psnNo).Certno,
         Yibao.Application.Reference.DemoWorld.DemoCardSn(psnNo));

    /// <summary>Looks a demo person up as an institution does with the person at the counter: ID number and social security card (03).</summary>
    public static async Task<JsonElement> PersonAsync(this HttpClient client, string psnNo)
    {
        var (certno, cardSn) = Card(psnNo);
        return await (await client.SendAsync(HttpMethod.Post, "/api/persons/identification", new { mdtrt_cert_type = "03", mdtrt_cert_no = certno, card_sn = cardSn })).JsonAsync(200);
    }
}
