using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Prescriptions;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Prescriptions;

public sealed class EpcTransportTests
{
    [Fact]
    public async Task CircDrugQuery_OnTheNationalTransport_RoundTripsSealedBothWays()
    {
        await using var server = await YibaoServer.StartAsync();
        var app = await IssueAppAsync(server);

        var client = server.CreateClient();
        var request = EpcEnvelope.Seal(app.AppId, app.AppSecret, NationalCrypto.PrivateKey(app.PrivateKey), """{"keyWords":"Amlodipine","pageNo":1,"pageSize":10}""", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var response = await client.PostAsync(new Uri("/epc/api/fixmedins/circDrugQuery", UriKind.Relative), new StringContent(request, System.Text.Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadAsStringAsync();
        var platform = SigningCertificates.Read(await client.GetStringAsync(new Uri("/epc/api/ca", UriKind.Relative)));
        var opened = EpcEnvelope.Open(answer, id => id == app.AppId ? new EpcApp(app.AppId, app.AppSecret, (Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters)platform.GetPublicKey()) : null);

        Assert.True(response.IsSuccessStatusCode, answer);
        Assert.True(opened.IsSuccess, answer);
        var data = JsonNode.Parse(opened.Value.Data)!;
        Assert.Equal(0, (int)data["code"]!);
        Assert.Equal(1, (int)data["data"]!["total"]!);
        Assert.Equal("XC08CAA001A001", (string?)data["data"]!["list"]![0]!["medListCodg"]);
    }

    [Fact]
    public async Task CircDrugQuery_OnThePlainTransport_AnswersTheCallingInstitutionsDrugs()
    {
        await using var server = await YibaoServer.StartAsync();
        var hospital = server.InstitutionClient("H33010000001");

        var answer = await (await hospital.SendAsync(HttpMethod.Post, "/epc/api/fixmedins/circDrugQuery", "{\"data\":{\"keyWords\":\"insulin\"}}")).JsonAsync(200);
        var unsigned = await server.CreateClient().PostAsync(new Uri("/epc/api/fixmedins/circDrugQuery", UriKind.Relative), new StringContent("{\"data\":{}}"));
        var notData = await (await hospital.SendAsync(HttpMethod.Post, "/epc/api/fixmedins/circDrugQuery", "{\"keyWords\":\"insulin\"}")).JsonAsync(400);

        Assert.Equal(0, answer.GetProperty("code").GetInt32());
        Assert.Equal("XA10AEI032B001", answer.GetProperty("data").GetProperty("list")[0].GetProperty("medListCodg").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("epc_malformed", notData.GetProperty("code").GetString());
    }

    [Fact]
    public async Task EpcTransaction_ForgedOrUnknown_IsRefusedWithItsCode()
    {
        await using var server = await YibaoServer.StartAsync();
        var app = await IssueAppAsync(server);

        var client = server.CreateClient();
        var forged = EpcEnvelope.Seal(app.AppId, app.AppSecret, NationalCrypto.PrivateKey(NationalCrypto.NewKeyPair().PrivateKey), "{}", 1);
        var genuine = EpcEnvelope.Seal(app.AppId, app.AppSecret, NationalCrypto.PrivateKey(app.PrivateKey), "{}", 1);

        async Task<(int, string?)> PostAsync(string transaction, string body)
        {
            var response = await client.PostAsync(new Uri($"/epc/api/fixmedins/{transaction}", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            return ((int)response.StatusCode, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["code"]);
        }

        Assert.Equal((401, "epc_signature_invalid"), await PostAsync("circDrugQuery", forged));
        Assert.Equal((401, "epc_unknown_app"), await PostAsync("circDrugQuery", "{}"));
        Assert.Equal((400, "epc_malformed"), await PostAsync("circDrugQuery", "not json"));
        Assert.Equal((404, "epc_unknown_transaction"), await PostAsync("rxNothing", genuine));
    }

    /// <summary>The hospital's app, issued as <c>yibao signing app</c> issues it.</summary>
    private static async Task<IssuedEpcApp> IssueAppAsync(YibaoServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var issued = (await scope.ServiceProvider.GetRequiredService<IssueEpcAppHandler>().HandleAsync(new IssueEpcApp("H33010000001", "test"), default)).Value;
        await scope.ServiceProvider.GetRequiredService<Storage.YibaoDbContext>().SaveChangesAsync();
        return issued;
    }
}
