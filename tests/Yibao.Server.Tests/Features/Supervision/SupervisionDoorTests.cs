using Yibao.Client;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Supervision;

/// <summary>The rule base during the event, through the doors: loaded by staff, a warning in the envelope's warn_msg and the native response, a blocking rule refusing with its id.</summary>
public sealed class SupervisionDoorTests
{
    private const string ZhangWei = "3301000000000001";

    [Fact]
    public async Task Settlement_WarnedAndBlocked_TravelInBothDoorsAsTheSpecSays()
    {
        await using var server = await YibaoServer.StartAsync();
        var staff = await server.StaffClientAsync("policy");
        var refusedDocument = await (await staff.SendAsync(HttpMethod.Put, "/api/admin/supervision/330100", """{"ruleSettings": {"NOPE": {}}}""")).JsonAsync(400);
        var loaded = await (await staff.SendAsync(HttpMethod.Put, "/api/admin/supervision/330100", """{"restrictions": [{"code": "XA10BAA001A001", "gender": "2"}]}""")).JsonAsync(200);

        // Native: atorvastatin above its governing price warns, and the warning comes back with the settlement.
        var hospital = server.InstitutionClient("H33010000001");
        var visit = await hospital.RegisterAsync(ZhangWei, "H33010000001");
        await hospital.UploadAsync(visit, Api.Line("XC10AAA005A001", 3.6m, 28));
        var settled = await (await hospital.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);

        // Gateway: the same warning in warn_msg; metformin (restricted to women here) refuses a man's settlement.
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (certno, _) = Api.Card(ZhangWei);
        var mdtrtId = (await his.RegisterAsync(ZhangWei, "310", "330100", "02", certno)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.UploadFeesAsync(mdtrtId, ZhangWei, [new FeeDetail("1", "XC10AAA005A001", 3.6m, 28m, 100.80m)])).Expect();
        var warned = await his.SettleAsync(new SettleRequest(mdtrtId, ZhangWei, "310", "330100", "11", 100.80m, "02", certno));
        var blockedVisit = (await his.RegisterAsync(ZhangWei, "310", "330100", "02", certno)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.UploadFeesAsync(blockedVisit, ZhangWei, [new FeeDetail("1", "XA10BAA001A001", 0.5m, 28m, 14.00m)])).Expect();
        var blocked = await his.SettleAsync(new SettleRequest(blockedVisit, ZhangWei, "310", "330100", "11", 14.00m, "02", certno));

        Assert.Equal("invalid_knowledge", refusedDocument.GetProperty("code").GetString());
        Assert.Equal(1, loaded.GetProperty("version").GetInt32());
        var warning = settled.GetProperty("warnings")[0];
        Assert.Equal(("MGT001", 11.20m), (warning.GetProperty("rule_id").GetString(), warning.GetProperty("vola_amt").GetDecimal()));
        Assert.True(warned.IsSuccess, warned.ErrMsg);
        Assert.StartsWith("[MGT001]", System.Text.Json.JsonDocument.Parse(warned.Raw).RootElement.GetProperty("warn_msg").GetString(), StringComparison.Ordinal);
        Assert.False(blocked.IsSuccess);
        Assert.StartsWith("[supervision_blocked] [POL001]", blocked.ErrMsg, StringComparison.Ordinal);
    }
}
