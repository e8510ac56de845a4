using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Infrastructure;

public sealed class FaultsTests
{
    [Fact]
    public async Task DatabaseUnreachable_EveryDoor_AnswersDatabaseUnavailable()
    {
        // The server reaches PostgreSQL through a relay this test can cut, as a network or a crash would.
        var direct = new NpgsqlConnectionStringBuilder(await PostgresServer.CreateDatabaseAsync("faults"));
        await using var relay = TcpRelay.Start(direct.Host!, direct.Port);
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = relay.Port, Timeout = 3 }.ConnectionString;
        await using var server = await YibaoServer.StartAsync("postgres", connectionString: relayed);
        var client = server.HisClient();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (certno, cardSn) = Api.Card("3301000000000001");
        var identification = new { mdtrt_cert_type = "03", mdtrt_cert_no = certno, card_sn = cardSn };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, "/api/persons/identification", identification)).StatusCode);

        relay.Cut();
        var read = await client.SendAsync(HttpMethod.Post, "/api/persons/identification", identification);
        var write = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/visits")
        {
            Content = JsonContent.Create(new { psn_no = "3301000000000001", fixmedins_code = "H33010000001", med_type = "11" }),
            Headers = { { "X-Msg-Id", "down-1" } },
        });
        var health = await client.GetAsync("/health");
        var gateway = await his.PersonInfoAsync("03", certno, cardSn);

        foreach (var response in new[] { read, write, health })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("database_unavailable", (await response.JsonAsync(503)).GetProperty("code").GetString());
        }

        Assert.Equal(-1, gateway.Infcode);
        Assert.StartsWith("[database_unavailable]", gateway.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRequests_EachLoggedAsOneLine_WithoutStackTraceOrTypeNames()
    {
        await using var server = await YibaoServer.StartAsync();
        var sink = new LogSink();
        using var logged = server.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(sink).SetMinimumLevel(LogLevel.Information)));
        var client = logged.CreateDefaultClient(new ActingInstitutionsHandler(server.Clock));
        var bodies = new[] { """{"psn_no":""", """{"psn_no":12,"fixmedins_code":"H33010000001","med_type":"11"}""", "[]", """{"lines":[{"code":"x","price":"abc","qty":1,"amount":1}]}""" };

        var answers = new List<string>();
        foreach (var (body, i) in bodies.Select((b, i) => (b, i)))
        {
            var path = i == 3 ? "/api/visits/X/fees" : "/api/visits";
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Headers = { { "X-Msg-Id", $"bad-{i}" } } });
            answers.Add((await response.JsonAsync(400)).GetProperty("detail").GetString()!);
        }

        answers.Add((await (await client.GetAsync("/api/institutions/H33010000001/daily-totals?date=bad")).JsonAsync(400)).GetProperty("detail").GetString()!);

        var refusals = sink.Entries.Where(e => e.Category == "Yibao.Server.Requests").ToList();
        Assert.Equal(5, refusals.Count);
        Assert.All(refusals, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.DoesNotContain(sink.Entries, e => e.Exception is not null || e.Level >= LogLevel.Error);
        Assert.All(answers, a => Assert.DoesNotMatch(@"System\.|Yibao\.|Nullable<|DateOnly", a));
        Assert.Contains("at $.lines[0].price", answers[3], StringComparison.Ordinal);
        Assert.Equal("Parameter 'date' cannot be \"bad\".", answers[4]);
    }

    private sealed class LogSink : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
        }
    }

    /// <summary>Forwards TCP connections to a server until cut; then refuses new ones and drops the open ones.</summary>
    private sealed class TcpRelay : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _cut = new();
        private readonly List<TcpClient> _open = [];

        private TcpRelay(string host, int port)
        {
            _listener.Start();
            _ = AcceptAsync(host, port);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static TcpRelay Start(string host, int port) => new(host, port);

        public void Cut()
        {
            _cut.Cancel();
            _listener.Stop();
            lock (_open)
            {
                _open.ForEach(c => c.Dispose());
            }
        }

        public ValueTask DisposeAsync()
        {
            if (!_cut.IsCancellationRequested)
            {
                Cut();
            }

            _cut.Dispose();
            return ValueTask.CompletedTask;
        }

        private async Task AcceptAsync(string host, int port)
        {
            try
            {
                while (!_cut.IsCancellationRequested)
                {
                    var inbound = await _listener.AcceptTcpClientAsync(_cut.Token);
                    var outbound = new TcpClient();
                    await outbound.ConnectAsync(host, port, _cut.Token);
                    lock (_open)
                    {
                        _open.Add(inbound);
                        _open.Add(outbound);
                    }

                    _ = PumpAsync(inbound, outbound);
                    _ = PumpAsync(outbound, inbound);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Cut.
            }
        }

        private async Task PumpAsync(TcpClient from, TcpClient to)
        {
            try
            {
                await from.GetStream().CopyToAsync(to.GetStream(), _cut.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
            {
                // Cut or closed.
            }
            finally
            {
                from.Dispose();
                to.Dispose();
            }
        }
    }
}
