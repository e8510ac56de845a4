using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yibao.Application.Staff;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Infrastructure;

public sealed class LogPrivacyTests
{
    [Fact]
    public async Task Logs_OfRefusalsAndSignIns_HoldNoIdNumberTokenOrPassword()
    {
        await using var server = await YibaoServer.StartAsync();
        var lines = new ConcurrentQueue<string>();
        await using var logged = server.WithWebHostBuilder(b => b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Information).AddProvider(new Capture(lines))));
        var hospital = logged.CreateDefaultClient(new Yibao.Client.TifSigningHandler(Yibao.Client.GatewayIdentity.Demo("H33010000001", "330100"), server.Clock));
        var (certno, cardSn) = Api.Card("3301000000000001");

        await hospital.SendAsync(HttpMethod.Post, "/api/persons/identification", new { mdtrt_cert_type = "02", mdtrt_cert_no = certno });
        await hospital.SendAsync(HttpMethod.Post, "/api/persons/identification", new { mdtrt_cert_type = "03", mdtrt_cert_no = "330106199912310099", card_sn = cardSn });
        await hospital.SendAsync(HttpMethod.Post, "/api/visits", new { certno = "330106199912310099", fixmedins_code = "H33010000001", med_type = "11" });
        await hospital.SendAsync(HttpMethod.Post, "/api/visits", """{"psn_no": 330106196803140013""");
        await hospital.GetAsync($"/api/institutions/H33010000001/daily-totals?date={certno}");
        await logged.CreateClient().PostAsJsonAsync("/api/staff/sign-in", new { user_name = "demo.admin", password = "Wrong-" + DemoStaff.Password });
        await YibaoServer.StaffTokenAsync(logged.CreateClient(), "demo.admin", DemoStaff.Password);
        var his = new Yibao.Client.GatewayClient(logged.CreateClient(), Yibao.Client.GatewayIdentity.Demo("H33010000001", "330100"), server.Clock);
        await his.SignInAsync();
        await his.PersonInfoAsync("02", certno);
        await his.PersonInfoAsync("01", "forged-token-0123456789");

        var text = string.Join("\n", lines);
        Assert.Contains("refused", text, StringComparison.Ordinal); // the refusals were logged at all
        foreach (var secret in new[] { certno, "330106199912310099", DemoStaff.Password, "demo-H33010000001", "forged-token-0123456789" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
