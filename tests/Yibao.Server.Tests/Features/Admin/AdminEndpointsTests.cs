using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Admin;

public sealed class AdminEndpointsTests
{
    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, string json, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Msg-Id", Api.NewMsgId());
        if (token is not null)
        {
            request.Headers.Add("Authorization", $"Bearer {token}");
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task PutPolicies_NewRatio_BumpsTheRevisionAndTheNextSettlementUsesIt()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();
        var policy = """
            [{"area":"330100","insutype":"390","year":2026,"maxRatio":0.9,
              "benefits":{"outpatient":{"deductible":{"per":"year","amount":0},"ratio":{"1":0.5,"2":0.5,"3":0.5},"cap":1500}}}]
            """;

        var loaded = await (await PutAsync(client, "/api/admin/policies", policy)).JsonAsync(200);
        var visit = await client.RegisterAsync("3301000000000003", "H33010000001");
        await client.UploadAsync(visit, Api.Line("XC08CAA001A001", 2m, 50));
        var settled = await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);

        Assert.Equal(1, loaded.GetProperty("loaded").GetInt32());
        Assert.Equal(50m, settled.Amount("hifp_pay"));
        await using var db = server.OpenDatabase();
        Assert.Equal(2, (await db.Policies.SingleAsync(p => p.Area == "330100" && p.Insutype == "390" && p.Year == 2026)).Revision);
        Assert.Equal(2, (await db.Settlements.SingleAsync()).PolicyRevision);
        Assert.Contains(await db.AuditLog.Select(a => a.Action).ToListAsync(), a => a == "policy.upsert");
    }

    [Fact]
    public async Task PutCatalogue_PublishesANewVersionThatClassifiesNewUploads()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();

        var version = await (await PutAsync(client, "/api/admin/catalogues/330100", """[{"code":"NEW001","name":"New drug","kind":"drug","class":"B","selfpayProp":0.5}]""")).JsonAsync(200);
        var visit = await client.RegisterAsync("3301000000000001", "H33010000001");
        var split = await client.UploadAsync(visit, Api.Line("NEW001", 10m, 1), Api.Line("XC08CAA001A001", 1m, 1));

        Assert.Equal(2, version.GetProperty("loaded").GetInt32());
        Assert.Equal(5m, split.GetProperty("lines")[0].Amount("preselfpay_amt"));
        Assert.Equal(1m, split.GetProperty("lines")[1].Amount("fulamt_ownpay_amt")); // no longer in the catalogue
    }

    [Fact]
    public async Task PutInstitutions_InternetHospitalWithItsPhysicalInstitutionInOneBatch_IsDesignated()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();
        var institutions = """
            [{"fixmedins_code":"I33010000009","name":"New Internet Hospital","area":"330100","kind":"internet","level":"2","reliesOn":"H33010000009"},
             {"fixmedins_code":"H33010000009","name":"New District Hospital","area":"330100","kind":"physical","level":"2"}]
            """;

        await (await PutAsync(client, "/api/admin/institutions", institutions)).JsonAsync(200);

        await using var db = server.OpenDatabase();
        Assert.Equal("H33010000009", (await db.Institutions.SingleAsync(i => i.FixmedinsCode == "I33010000009")).ReliesOn);
    }

    [Fact]
    public async Task PutPersons_ExistingPerson_KeepsTheAccountBalanceSettlementsMoved()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();
        var visit = await client.RegisterAsync("3301000000000001", "H33010000001");
        await client.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28));
        await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);

        var person = """[{"psn_no":"3301000000000001","name":"Zhang Wei","certno":"330106196803140013","insutype":"310","area":"330100","birthday":"1968-03-14","retired":true,"accountBalance":5000}]""";
        await (await PutAsync(client, "/api/admin/persons", person)).JsonAsync(200);

        await using var db = server.OpenDatabase();
        Assert.True((await db.Persons.SingleAsync(p => p.PsnNo == "3301000000000001")).Retired);
        Assert.Equal(748.20m, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == "3301000000000001")).Balance);
    }

    [Fact]
    public async Task Admin_WithATokenConfigured_RefusesCallersWithoutIt()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:AdminToken"] = "s3cret" });
        var client = server.HisClient();
        const string areas = """[{"admdvs":"310100","name":"Shanghai"}]""";

        var refused = await PutAsync(client, "/api/admin/areas", areas);
        var wrong = await PutAsync(client, "/api/admin/areas", areas, "guess");
        var allowed = await PutAsync(client, "/api/admin/areas", areas, "s3cret");

        Assert.Equal("admin_forbidden", (await refused.JsonAsync(403)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
