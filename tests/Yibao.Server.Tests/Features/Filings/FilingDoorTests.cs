using Microsoft.Extensions.DependencyInjection;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Filings;

/// <summary>Filing at the counter, through the staff API: a Beijing treatment registered unfiled, an emergency filed after it, the treatment then settled as filed.</summary>
public sealed class FilingDoorTests
{
    private const string ZhangWei = "3301000000000001";

    [Fact]
    public async Task Counter_AnEmergencyFiledAfterTheTreatment_SettlesAsFiledAndEnds()
    {
        await using var server = await YibaoServer.StartAsync();
        var beijing = server.InstitutionClient("H11010000001");
        var visit = await beijing.RegisterAsync(ZhangWei, "H11010000001");
        var before = await (await beijing.SendAsync(HttpMethod.Get, $"/api/visits/{visit}")).JsonAsync(200);
        var admin = await server.StaffClientAsync();
        var today = server.Services.GetRequiredService<Application.AgencyCalendar>().Today;

        var referral = await (await admin.SendAsync(HttpMethod.Post, $"/api/admin/persons/{ZhangWei}/filings", new { type = "temporaryFiled", reason = "referral", to_area = "110100", from = today.AddDays(-1) })).JsonAsync(422);
        var emergency = await (await admin.SendAsync(HttpMethod.Post, $"/api/admin/persons/{ZhangWei}/filings", new { type = "temporaryFiled", reason = "emergency", to_area = "110100", from = today })).JsonAsync(201);
        var after = await (await beijing.SendAsync(HttpMethod.Get, $"/api/visits/{visit}")).JsonAsync(200);
        var overlapping = await (await admin.SendAsync(HttpMethod.Post, $"/api/admin/persons/{ZhangWei}/filings", new { type = "longTerm", reason = "retiree", to_area = "110000" })).JsonAsync(409);
        var ended = await (await admin.SendAsync(HttpMethod.Post, $"/api/admin/persons/{ZhangWei}/filings/{emergency.GetProperty("id").GetInt64()}/end")).JsonAsync(200);
        var listed = await (await admin.SendAsync(HttpMethod.Get, $"/api/admin/persons/{ZhangWei}/filings")).JsonAsync(200);
        var policyDesk = await server.StaffClientAsync("policy");
        using var refused = await policyDesk.SendAsync(HttpMethod.Get, $"/api/admin/persons/{ZhangWei}/filings");

        Assert.True(before.GetProperty("visit").GetProperty("filing").GetString() == "unfiled", before.ToString());
        Assert.Equal("filing_backdated", referral.GetProperty("code").GetString());
        Assert.Equal(("active", "counter"), (emergency.GetProperty("status").GetString(), emergency.GetProperty("filed_via").GetString()));
        Assert.Equal("temporaryFiled", after.GetProperty("visit").GetProperty("filing").GetString());
        Assert.Equal("filing_overlaps", overlapping.GetProperty("code").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ended.GetProperty("to").GetString());
        Assert.Equal(1, listed.GetProperty("filings").GetArrayLength());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
