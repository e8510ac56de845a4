using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Testing;

namespace Yibao.Server.Tests.Infrastructure;

public sealed class RateLimitTests
{
    [Fact]
    public async Task NativeApi_PastTheCredentialsBudget_Is429ForThatCredentialOnly()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:InstitutionRequestsPerSecond"] = "1" });
        var busy = server.InstitutionClient("H33010000001");
        var other = server.InstitutionClient("H33010000003");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await busy.GetAsync("/api/visits/MDnope"));
        }

        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.NotFound, answers[0].StatusCode);
        Assert.Equal("rate_limited", (await limited.JsonAsync(429)).GetProperty("code").GetString());
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/visits/MDnope")).StatusCode);
    }

    [Fact]
    public async Task EpcTransport_PastTheAppsBudget_Is429()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:InstitutionRequestsPerSecond"] = "1" });
        Application.Prescriptions.IssuedEpcApp app;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            app = (await scope.ServiceProvider.GetRequiredService<Application.Prescriptions.IssueEpcAppHandler>().HandleAsync(new("H33010000001", "test"), default)).Value;
            await scope.ServiceProvider.GetRequiredService<Storage.YibaoDbContext>().SaveChangesAsync();
        }

        var client = server.CreateClient();
        var body = Application.Prescriptions.EpcEnvelope.Seal(app.AppId, app.AppSecret, Application.Prescriptions.NationalCrypto.PrivateKey(app.PrivateKey), "{}", 1);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add((await client.PostAsync(new Uri("/epc/api/fixmedins/circDrugQuery", UriKind.Relative), new StringContent(body))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, answers[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
    }

    [Fact]
    public async Task Gateway_PastTheCredentialsBudget_IsRefusedInTheEnvelope()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:InstitutionRequestsPerSecond"] = "1" });
        var his = Yibao.Server.Tests.Features.Gateway.GatewayFixture.Client(server, "H33010000001");
        await his.SignInAsync();
        var (certno, cardSn) = Api.Card("3301000000000001");

        var answers = new List<Yibao.Client.GatewayResult>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await his.PersonInfoAsync("03", certno, cardSn));
        }

        Assert.Contains(answers, a => a.IsSuccess);
        Assert.Contains(answers, a => a.Infcode == -1 && a.ErrMsg?.StartsWith("[rate_limited]", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task NativeApi_ForgedSignaturesNamingAnInstitution_DoNotSpendItsBudget()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:InstitutionRequestsPerSecond"] = "1" });
        var forger = server.CreateClient();
        for (var i = 0; i < 8; i++)
        {
            using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/visits/MDnope");
            forged.Headers.Add("x-tif-paasid", "H33010000001");
            forged.Headers.Add("x-tif-timestamp", server.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            forged.Headers.Add("x-tif-nonce", $"forged-{i}");
            forged.Headers.Add("x-tif-signature", new string('0', 64));
            Assert.Equal(HttpStatusCode.Unauthorized, (await forger.SendAsync(forged)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await server.InstitutionClient("H33010000001").GetAsync("/api/visits/MDnope")).StatusCode);
    }
}
