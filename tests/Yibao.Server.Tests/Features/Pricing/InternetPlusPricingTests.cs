using System.Net;
using System.Text;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Pricing;

public sealed class InternetPlusPricingTests : IAsyncLifetime
{
    private YibaoServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await YibaoServer.StartAsync();
        _client = _server.HisClient();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OnlineFollowUpConsultation_PricedAtTheReliedOnLevel_ExcessIsFlaggedAndSelfPaid()
    {
        // The platform relies on a community centre (level 1): an online follow-up costs 10.00 there.
        var online = await _client.RegisterAsync("3301000000000001", "H33010000004", disease: "I10");
        var split = (await _client.UploadAsync(online, Api.Line("111100001", 25m, 1))).GetProperty("lines")[0];
        var settled = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{online}/pre-settlement", new { })).JsonAsync(200);

        Assert.Equal(15m, split.Amount("overlmt_amt"));
        Assert.Equal(10m, split.Amount("pric_uplmt_amt"));
        Assert.Contains("above the governing Internet+ price", split.GetProperty("memo").GetString(), StringComparison.Ordinal);
        Assert.Equal(15m, settled.Amount("overlmt_selfpay"));

        // Offline at the community centre itself, the ordinary consultation is governed alike: parity.
        var offline = await _client.RegisterAsync("3301000000000001", "H33010000003", disease: "I10");
        var offlineSplit = (await _client.UploadAsync(offline, Api.Line("110200001", 25m, 1))).GetProperty("lines")[0];
        Assert.Equal(15m, offlineSplit.Amount("overlmt_amt"));
    }

    [Fact]
    public async Task HomeNursing_ServiceWithinItsPrice_OnSiteFeeAndDeliveryPaidByThePerson()
    {
        var visit = await _client.RegisterAsync("3301000000000001", "H33010000001");
        var lines = (await _client.UploadAsync(visit, Api.Line("121300001", 80m, 1), Api.Line("121300002", 30m, 1), Api.Line("999900001", 8m, 1))).GetProperty("lines");

        Assert.Equal(0m, lines[0].Amount("overlmt_amt"));
        Assert.Equal(0m, lines[0].Amount("fulamt_ownpay_amt"));
        Assert.Equal(30m, lines[1].Amount("fulamt_ownpay_amt"));
        Assert.Equal(8m, lines[2].Amount("fulamt_ownpay_amt"));
        Assert.Contains("never covered", lines[1].GetProperty("memo").GetString(), StringComparison.Ordinal);
        Assert.Contains("never covered", lines[2].GetProperty("memo").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PriceList_IsPublicAndReplaceableByTheAgency()
    {
        var list = await (await _client.GetAsync("/api/internet-plus-prices/330100")).JsonAsync(200);
        var followUp = list.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "111100001");
        Assert.Equal(10m, followUp.Amount("level1"));
        Assert.Equal(25m, followUp.Amount("level3"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/internet-plus-prices/110100")).StatusCode);

        var malformed = await PutAsync("""{"area":"330100","services":[{"code":"111100001","rule":"followsItem","follows":"NOPE"}]}""");
        var replaced = await PutAsync("""{"area":"330100","services":[{"code":"110200001","rule":"byLevel","prices":{"1":12,"2":18,"3":25}},{"code":"111100001","rule":"followsItem","follows":"110200001"}]}""");
        var visit = await _client.RegisterAsync("3301000000000001", "H33010000004", disease: "I10");
        var split = (await _client.UploadAsync(visit, Api.Line("111100001", 25m, 1))).GetProperty("lines")[0];

        Assert.Equal("malformed_document", (await malformed.JsonAsync(400)).GetProperty("code").GetString());
        Assert.Equal(2, (await replaced.JsonAsync(200)).GetProperty("revision").GetInt32());
        Assert.Equal(13m, split.Amount("overlmt_amt"));
    }

    private async Task<HttpResponseMessage> PutAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/internet-plus-prices") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Msg-Id", Api.NewMsgId());
        using var staff = await _server.StaffClientAsync(Application.Staff.StaffRoles.Policy);
        return await staff.SendAsync(request);
    }
}
