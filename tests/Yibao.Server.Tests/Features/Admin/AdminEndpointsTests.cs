using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Staff;
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
        var staff = await server.StaffClientAsync(StaffRoles.Policy);
        var policy = """
            [{"area":"330100","insutype":"390","year":2026,"maxRatio":0.9,
              "benefits":{"outpatient":{"deductible":{"per":"year","amount":0},"ratio":{"1":0.5,"2":0.5,"3":0.5},"cap":1500}}}]
            """;

        var loaded = await (await PutAsync(staff, "/api/admin/policies", policy)).JsonAsync(200);
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
        var staff = await server.StaffClientAsync(StaffRoles.Policy);

        var version = await (await PutAsync(staff, "/api/admin/catalogues/330100", """[{"code":"NEW001","name":"New drug","kind":"drug","class":"B","selfpayProp":0.5}]""")).JsonAsync(200);
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
        var staff = await server.StaffClientAsync(StaffRoles.Designation);
        var institutions = """
            [{"fixmedins_code":"I33010000009","name":"New Internet Hospital","area":"330100","kind":"internet","level":"2","reliesOn":"H33010000009"},
             {"fixmedins_code":"H33010000009","name":"New District Hospital","area":"330100","kind":"physical","level":"2"}]
            """;

        await (await PutAsync(staff, "/api/admin/institutions", institutions)).JsonAsync(200);

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
        await (await PutAsync(await server.StaffClientAsync(), "/api/admin/persons", person)).JsonAsync(200);

        await using var db = server.OpenDatabase();
        Assert.True((await db.Persons.SingleAsync(p => p.PsnNo == "3301000000000001")).Retired);
        Assert.Equal(748.20m, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == "3301000000000001")).Balance);
    }

    [Fact]
    public async Task Admin_WithoutStaffSignIn_IsRefusedEvenFromThisMachine()
    {
        await using var server = await YibaoServer.StartAsync();
        const string areas = """[{"admdvs":"310100","name":"Shanghai"}]""";

        var anonymous = await PutAsync(server.CreateClient(), "/api/admin/areas", areas);
        var institution = await PutAsync(server.InstitutionClient(), "/api/admin/areas", areas);
        var forged = await PutAsync(server.CreateClient(), "/api/admin/areas", areas, "guess");

        Assert.Equal("staff_unauthenticated", (await anonymous.JsonAsync(401)).GetProperty("code").GetString());
        Assert.Equal("staff_unauthenticated", (await institution.JsonAsync(401)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await using var db = server.OpenDatabase();
        Assert.False(await db.Areas.AnyAsync(a => a.Admdvs == "310100"));
    }

    [Theory]
    [InlineData(StaffRoles.Policy, "/api/admin/institutions", 403)]
    [InlineData(StaffRoles.Designation, "/api/admin/areas", 403)]
    [InlineData(StaffRoles.Audit, "/api/admin/persons", 403)]
    [InlineData(StaffRoles.Admin, "/api/admin/areas", 200)]
    public async Task Admin_StaffOfARole_ReachesOnlyTheirDesk(string role, string url, int expected)
    {
        await using var server = await YibaoServer.StartAsync();
        var staff = await server.StaffClientAsync(role);
        var document = url.EndsWith("areas", StringComparison.Ordinal) ? """[{"admdvs":"310100","name":"Shanghai"}]"""
            : url.EndsWith("persons", StringComparison.Ordinal) ? "[]"
            : """[{"area":"330100","insutype":"390","year":2026,"maxRatio":0.9,"benefits":{}}]""";

        var answer = await (await PutAsync(staff, url, document)).JsonAsync(expected);

        Assert.Equal(expected == 403 ? "staff_role_required" : null, answer.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    [Fact]
    public async Task Admin_Change_IsAuditedAsTheStaffMemberWithIdNumbersMasked()
    {
        await using var server = await YibaoServer.StartAsync();
        var staff = await server.StaffClientAsync(StaffRoles.Designation);

        await (await PutAsync(staff, "/api/admin/institutions/H33010000002/agreement-status", """{"status":"suspended","reason":"claims for 330106196803140013 under review"}""")).JsonAsync(200);

        await using var db = server.OpenDatabase();
        var entry = await db.AuditLog.SingleAsync(a => a.EntityId == "H33010000002" && a.Action == "designation.status");
        Assert.Equal("staff:demo.designation", entry.Actor);
        Assert.Equal("suspended: claims for 3301**********0013 under review", entry.Detail);
    }
}
