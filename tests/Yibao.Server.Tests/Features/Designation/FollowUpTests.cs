using Yibao.Client;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Designation;

/// <summary>Online care is follow-up care: a diagnosis seen offline within the window, or a registered chronic disease.</summary>
public sealed class FollowUpTests
{
    private static async Task<string> CodeOfRegistrationAsync(HttpClient client, string psnNo, string institution, string? disease)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = psnNo, fixmedins_code = institution, med_type = "11", dise_codg = disease });
        return (await response.JsonAsync((int)response.StatusCode)).TryGetProperty("code", out var code) ? code.GetString()! : "registered";
    }

    [Fact]
    public async Task OnlineVisit_DiagnosisSeenOfflineFirst_IsAFollowUpAndOtherwiseNot()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();

        // Wang Fang has no chronic registration: asthma online is not a follow-up until she was seen for it offline.
        var before = await CodeOfRegistrationAsync(client, "3301000000000003", "H33010000004", "J45");
        var offline = await client.RegisterAsync("3301000000000003", "H33010000003", disease: "J45.9");
        await client.UploadAsync(offline, Api.Line("XC08CAA001A001", 1.85m, 28));
        await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{offline}/settlement", new { })).JsonAsync(201);
        var after = await CodeOfRegistrationAsync(client, "3301000000000003", "H33010000004", "J45");
        var otherDisease = await CodeOfRegistrationAsync(client, "3301000000000003", "H33010000004", "K29");

        Assert.Equal("followup_not_verified", before);
        Assert.Equal("registered", after);
        Assert.Equal("followup_not_verified", otherDisease);
    }

    [Fact]
    public async Task OnlineVisit_WithoutADiagnosis_RegistersButDoesNotSettle()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();
        var visit = await client.RegisterAsync("3301000000000001", "H33010000002");
        await client.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28));

        var refused = await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(422);
        var presettle = await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/pre-settlement", new { })).JsonAsync(422);

        Assert.Equal("followup_not_verified", refused.GetProperty("code").GetString());
        Assert.Equal("followup_not_verified", presettle.GetProperty("code").GetString());
    }

    [Fact]
    public async Task OfflineVisitOutsideTheConfiguredWindow_DoesNotCount()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:FollowUpWindowMonths"] = "1" });
        var client = server.HisClient();
        var offline = await (await client.SendAsync(HttpMethod.Post, "/api/visits", new
        {
            psn_no = "3301000000000003", fixmedins_code = "H33010000003", med_type = "11", dise_codg = "J45", begntime = "2026-09-01T09:00:00+08:00",
        })).JsonAsync(201);
        var mdtrtId = offline.GetProperty("mdtrt_id").GetString()!;
        await client.UploadAsync(mdtrtId, Api.Line("XC08CAA001A001", 1.85m, 28));
        await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(201);

        Assert.Equal("followup_not_verified", await CodeOfRegistrationAsync(client, "3301000000000003", "H33010000004", "J45"));
    }

    [Fact]
    public async Task Gateway_OnlineSettlementWithoutVisitInfo_IsRefusedAsNotAFollowUp()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000002");
        var mdtrtId = (await his.RegisterAsync("3301000000000001", "310", "330100", "02", "330106196803140013")).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.UploadFeesAsync(mdtrtId, "3301000000000001", [FeeDetail.Of("1", "XC08CAA001A001", 1.85m, 28m)])).Expect();
        var request = new SettleRequest(mdtrtId, "3301000000000001", "310", "330100", "11", 51.80m, "01", await Phone.FaceCheckedEcTokenAsync(server, his, "330106196803140013"));

        var refused = await his.SettleAsync(request);
        (await his.CallAsync("2203", new { mdtrtinfo = new { mdtrt_id = mdtrtId, psn_no = "3301000000000001", med_type = "11", dise_codg = "I10" } })).Expect();
        var settled = await his.SettleAsync(request);

        Assert.Contains("followup_not_verified", refused.ErrMsg, StringComparison.Ordinal);
        Assert.True(settled.IsSuccess, settled.ErrMsg);
    }
}
