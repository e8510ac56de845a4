using System.Net;
using Yibao.Client;
using Yibao.Testing;

namespace Yibao.Server.Tests.Infrastructure;

/// <summary>The native API authenticates its institution and lets it see and change only its own.</summary>
public sealed class InstitutionAccessTests
{
    [Fact]
    public async Task NativeApi_WithoutSignatureOrWithAReplayedNonce_Is401()
    {
        await using var server = await YibaoServer.StartAsync();
        var unsigned = await server.CreateClient().SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000001", med_type = "11" });
        var http = server.CreateClient();
        var headers = TifSignature.Headers(GatewayIdentity.Demo("H33010000001", "330100"), server.Clock.GetUtcNow());
        async Task<HttpResponseMessage> SignedGetAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/internet-plus-prices/330100");
            foreach (var (name, value) in headers)
            {
                request.Headers.Add(name, value);
            }

            return await http.SendAsync(request);
        }

        var first = await SignedGetAsync();
        var replayed = await SignedGetAsync();

        Assert.Equal("unauthenticated", (await unsigned.JsonAsync(401)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("x-tif-nonce was already used", (await replayed.JsonAsync(401)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherInstitutionsVisitAndSettlement_AnswerAsIfTheyDidNotExist()
    {
        await using var server = await YibaoServer.StartAsync();
        var hospital = server.InstitutionClient("H33010000001");
        var clinic = server.InstitutionClient("H33010000003");
        var mdtrtId = await hospital.RegisterAsync("3301000000000001", "H33010000001");
        await hospital.UploadAsync(mdtrtId, Api.Line("XC08CAA001A001", 1.85m, 28m));
        var setlId = (await (await hospital.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(201)).GetProperty("setl_id").GetString();

        var visit = await clinic.SendAsync(HttpMethod.Get, $"/api/visits/{mdtrtId}");
        var missing = await clinic.SendAsync(HttpMethod.Get, "/api/visits/MD-NO-SUCH-VISIT");
        var cancel = await clinic.SendAsync(HttpMethod.Post, $"/api/settlements/{setlId}/cancellation");
        var asAnother = await clinic.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000001", fixmedins_code = "H33010000001", med_type = "11" });

        Assert.Equal((await missing.JsonAsync(404)).GetProperty("code").GetString(), (await visit.JsonAsync(404)).GetProperty("code").GetString());
        Assert.Equal("settlement_not_found", (await cancel.JsonAsync(404)).GetProperty("code").GetString());
        Assert.Equal("institution_forbidden", (await asAnother.JsonAsync(403)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await hospital.SendAsync(HttpMethod.Get, $"/api/settlements/{setlId}")).StatusCode);
    }

    [Fact]
    public async Task MessageIds_AreEachInstitutionsOwn()
    {
        await using var server = await YibaoServer.StartAsync();
        var hospital = server.InstitutionClient("H33010000001");
        var clinic = server.InstitutionClient("H33010000003");

        var a = await hospital.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000001", med_type = "11" }, "same-id");
        var b = await clinic.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000003", med_type = "11" }, "same-id");

        Assert.Equal("H33010000001", (await a.JsonAsync(201)).GetProperty("fixmedins_code").GetString());
        Assert.Equal("H33010000003", (await b.JsonAsync(201)).GetProperty("fixmedins_code").GetString());
    }
}
