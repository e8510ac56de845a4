using System.Net;
using Yibao.Application.Staff;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Persons;

public sealed class PersonLookupTests
{
    private const string ZhangWei = "3301000000000001";

    [Fact]
    public async Task Identification_WithTheCard_AnswersThePersonAndIsRecorded()
    {
        await using var server = await YibaoServer.StartAsync();
        var hospital = server.InstitutionClient("H33010000001");

        var person = await hospital.PersonAsync(ZhangWei);
        var byIdNumber = await hospital.SendAsync(HttpMethod.Post, "/api/persons/identification", new { mdtrt_cert_type = "02", mdtrt_cert_no = Api.Card(ZhangWei).Certno });
        var byPsnNo = await hospital.GetAsync($"/api/persons/{ZhangWei}");
        var auditor = await server.StaffClientAsync(StaffRoles.Audit);
        var records = await (await auditor.GetAsync($"/api/admin/person-access?psn_no={ZhangWei}")).JsonAsync(200);

        Assert.Equal(ZhangWei, person.GetProperty("psn_no").GetString());
        Assert.Equal(800m, person.Amount("balc"));
        Assert.Equal("presence_proof_required", (await byIdNumber.JsonAsync(403)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, byPsnNo.StatusCode);
        var record = Assert.Single(records.GetProperty("records").EnumerateArray());
        Assert.Equal("institution H33010000001 native person", $"{record.GetProperty("actor_kind").GetString()} {record.GetProperty("actor").GetString()} {record.GetProperty("door").GetString()} {record.GetProperty("purpose").GetString()}");
    }

    [Fact]
    public async Task PersonInfo1101_ByIdNumberAlone_IsRefusedAndTheCardsReadIsRecorded()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000003");
        var (certno, cardSn) = Api.Card(ZhangWei);

        var byIdNumber = await his.PersonInfoAsync("02", certno);
        var byCard = await his.PersonInfoAsync("03", certno, cardSn);
        var auditor = await server.StaffClientAsync(StaffRoles.Audit);
        var byReader = await (await auditor.GetAsync("/api/admin/person-access?actor=H33010000003")).JsonAsync(200);

        Assert.StartsWith("[presence_proof_required]", byIdNumber.ErrMsg, StringComparison.Ordinal);
        Assert.True(byCard.IsSuccess, byCard.ErrMsg);
        var record = Assert.Single(byReader.GetProperty("records").EnumerateArray());
        Assert.Equal(ZhangWei, record.GetProperty("psn_no").GetString());
        Assert.Equal("gateway", record.GetProperty("door").GetString());
    }

    [Fact]
    public async Task PersonAccess_OnlyAuditAndAdmin_AndOnlyForANamedPersonOrReader()
    {
        await using var server = await YibaoServer.StartAsync();

        var policy = await (await server.StaffClientAsync(StaffRoles.Policy)).GetAsync($"/api/admin/person-access?psn_no={ZhangWei}");
        var institution = await server.InstitutionClient().GetAsync($"/api/admin/person-access?psn_no={ZhangWei}");
        var everything = await (await server.StaffClientAsync(StaffRoles.Admin)).GetAsync("/api/admin/person-access");

        Assert.Equal("staff_role_required", (await policy.JsonAsync(403)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, institution.StatusCode);
        Assert.Equal("invalid_access_query", (await everything.JsonAsync(400)).GetProperty("code").GetString());
    }
}
