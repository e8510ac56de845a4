using System.Text;
using Yibao.Client;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Designation;

public sealed class DesignationTests : IAsyncLifetime
{
    private YibaoServer _server = null!;
    private HttpClient _client = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _server = await YibaoServer.StartAsync();
        _client = _server.HisClient();
        _staff = await _server.StaffClientAsync(Application.Staff.StaffRoles.Designation);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpResponseMessage> PutAsync(string url, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Msg-Id", Api.NewMsgId());
        return await _staff.SendAsync(request);
    }

    private Task<HttpResponseMessage> SetStatusAsync(string code, string status) =>
        PutAsync($"/api/admin/institutions/{code}/agreement-status", $$"""{"status":"{{status}}","reason":"test"}""");

    private async Task<string> RegisterCodeAsync(string psnNo, string institution, string? disease = null, HttpClient? client = null)
    {
        var response = await (client ?? _client).SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = psnNo, fixmedins_code = institution, med_type = "11", dise_codg = disease });
        return (await response.JsonAsync((int)response.StatusCode)).TryGetProperty("code", out var code) ? code.GetString()! : "registered";
    }

    [Theory]
    [InlineData("H33010000001", "H33010000002", "3301000000000001")] // hospital-run internet hospital
    [InlineData("H33010000003", "H33010000004", "3301000000000001")] // third-party platform relying on a community centre
    public async Task SuspendingThePhysicalInstitution_SuspendsItsInternetHospitalAtOnce(string physical, string internet, string psnNo)
    {
        var open = await _client.RegisterAsync(psnNo, internet, disease: "I10");
        await _client.UploadAsync(open, Api.Line("XC08CAA001A001", 1.85m, 28));

        (await SetStatusAsync(physical, "suspended")).EnsureSuccessStatusCode();
        var register = await RegisterCodeAsync(psnNo, internet);
        var settle = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{open}/settlement", new { })).JsonAsync(422);
        var atPhysical = await RegisterCodeAsync(psnNo, physical);

        (await SetStatusAsync(physical, "active")).EnsureSuccessStatusCode();
        var certificate = new { mdtrt_cert_type = "01", mdtrt_cert_no = await Phone.FaceCheckedEcTokenAsync(_server, internet, "330106196803140013") };
        var resumed = await _client.SendAsync(HttpMethod.Post, $"/api/visits/{open}/settlement", certificate);

        Assert.Equal("institution_suspended", register);
        Assert.Equal("institution_suspended", settle.GetProperty("code").GetString());
        Assert.Contains($"relies on {physical}", settle.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("institution_suspended", atPhysical);
        await resumed.JsonAsync(201);
    }

    [Fact]
    public async Task SuspendedPhysicalInstitution_GatewayRegistrationAtItsInternetHospitalIsRefused()
    {
        var his = await GatewayFixture.SignedInAsync(_server, "H33010000002");
        (await SetStatusAsync("H33010000001", "suspended")).EnsureSuccessStatusCode();

        var refused = await his.RegisterAsync("3301000000000001", "310", "330100", "02", "330106196803140013");

        Assert.Contains("institution_suspended", refused.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewInternetHospital_IsDesignatedOnlyUnderASupplementaryAgreement()
    {
        (await PutAsync("/api/admin/institutions", """[{"fixmedins_code":"I33010000009","name":"Platform","area":"330100","kind":"internet","level":"1","reliesOn":"H33010000001"}]""")).EnsureSuccessStatusCode();
        var platform = await _server.IssuedInstitutionClientAsync("I33010000009");
        var before = await RegisterCodeAsync("3301000000000001", "I33010000009", client: platform);

        var agreement = await PutAsync("/api/admin/institutions/I33010000009/internet-agreement", """{"from":"2026-06-01","to":"2027-05-31","services":["followUp"],"diseases":["E11","I10.x00"]}""");
        var covered = await RegisterCodeAsync("3301000000000001", "I33010000009", "I10", platform);
        var uncovered = await RegisterCodeAsync("3301000000000001", "I33010000009", "J45", platform);
        var designation = await (await _staff.GetAsync("/api/admin/institutions/I33010000009/designation")).JsonAsync(200);

        Assert.Equal("not_designated", before);
        agreement.EnsureSuccessStatusCode();
        Assert.Equal("registered", covered);
        Assert.Equal("disease_not_in_scope", uncovered);
        Assert.Equal("H33010000001", designation.GetProperty("relies_on").GetString());
        Assert.Equal(["E11", "I10"], designation.GetProperty("internet_agreement").GetProperty("diseases").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task AgreementForAPhysicalInstitutionOrWithAnUnknownService_IsRefused()
    {
        var physical = await (await PutAsync("/api/admin/institutions/H33010000001/internet-agreement", """{"from":"2026-01-01","services":["followUp"]}""")).JsonAsync(422);
        var service = await (await PutAsync("/api/admin/institutions/H33010000002/internet-agreement", """{"from":"2026-01-01","services":["surgery"]}""")).JsonAsync(400);
        var status = await (await SetStatusAsync("H33010000001", "paused")).JsonAsync(400);

        Assert.Equal("not_an_internet_hospital", physical.GetProperty("code").GetString());
        Assert.Equal("validation_failed", service.GetProperty("code").GetString());
        Assert.Equal("validation_failed", status.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Designation_PhysicalInstitutionSuspended_InternetHospitalShowsItInEffect()
    {
        (await SetStatusAsync("H33010000001", "suspended")).EnsureSuccessStatusCode();
        var internet = await (await _staff.GetAsync("/api/admin/institutions/H33010000002/designation")).JsonAsync(200);
        var other = await (await _staff.GetAsync("/api/admin/institutions/H33010000004/designation")).JsonAsync(200);

        Assert.Equal("active", internet.GetProperty("agreement_status").GetString());
        Assert.Equal("suspended", internet.GetProperty("effective_status").GetString());
        Assert.Equal("active", other.GetProperty("effective_status").GetString());
    }

    [Fact]
    public async Task AgreementStatus_UnknownInstitution_IsNotFound()
    {
        var status = await (await SetStatusAsync("NOPE", "suspended")).JsonAsync(404);
        Assert.Equal("institution_not_found", status.GetProperty("code").GetString());
        var designation = await (await _staff.GetAsync("/api/admin/institutions/NOPE/designation")).JsonAsync(404);
        Assert.Equal("institution_not_found", designation.GetProperty("code").GetString());
    }

    [Fact]
    public async Task EndedAgreement_CannotSimplyBeResumed()
    {
        (await SetStatusAsync("P33010000001", "ended")).EnsureSuccessStatusCode();
        var resume = await (await SetStatusAsync("P33010000001", "active")).JsonAsync(422);

        Assert.Equal("agreement_ended", resume.GetProperty("code").GetString());
        Assert.Equal("institution_suspended", await RegisterCodeAsync("3301000000000001", "P33010000001"));
    }

    [Fact]
    public async Task OnlineService_OutsideTheAgreementsScope_IsRefusedAtRegistrationAndSettlement()
    {
        async Task<string> RegisterServiceAsync(string service)
        {
            var response = await _client.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000001", fixmedins_code = "H33010000002", med_type = "11", dise_codg = "I10", online_service = service });
            var body = await response.JsonAsync((int)response.StatusCode);
            return body.TryGetProperty("code", out var code) ? code.GetString()! : body.GetProperty("online_service").GetString()!;
        }

        var nursingOpen = await _client.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000001", fixmedins_code = "H33010000002", med_type = "11", dise_codg = "I10", online_service = "homeNursing" });
        var nursingVisit = (await nursingOpen.JsonAsync(201)).GetProperty("mdtrt_id").GetString()!;
        await _client.UploadAsync(nursingVisit, Api.Line("XC08CAA001A001", 1.85m, 28));

        // The agency narrows the agreement to follow-up consultations only.
        (await PutAsync("/api/admin/institutions/H33010000002/internet-agreement", """{"from":"2026-01-01","services":["followUp","pharmacyClinic"]}""")).EnsureSuccessStatusCode();
        var settle = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{nursingVisit}/pre-settlement", new { })).JsonAsync(422);

        Assert.Equal("service_not_in_scope", await RegisterServiceAsync("homeNursing"));
        Assert.Equal("pharmacyClinic", await RegisterServiceAsync("pharmacyClinic"));
        Assert.Equal("followUp", await RegisterServiceAsync("followUp"));
        Assert.Equal("validation_failed", await RegisterServiceAsync("surgery"));
        Assert.Equal("service_not_in_scope", settle.GetProperty("code").GetString());
        var offline = await _client.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000001", fixmedins_code = "H33010000001", med_type = "11", online_service = "followUp" });
        Assert.Equal("channel_mismatch", (await offline.JsonAsync(422)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task OnlineService_ThroughTheGatewaysExpContent_IsCheckedAgainstTheScope()
    {
        (await PutAsync("/api/admin/institutions/H33010000002/internet-agreement", """{"from":"2026-01-01","services":["followUp"]}""")).EnsureSuccessStatusCode();
        var his = await GatewayFixture.SignedInAsync(_server, "H33010000002");

        var nursing = await his.RegisterAsync("3301000000000001", "310", "330100", "02", "330106196803140013", onlineService: "homeNursing");
        var followUp = await his.RegisterAsync("3301000000000001", "310", "330100", "02", "330106196803140013", visitKind: "followUp", onlineService: "followUp");
        var unknown = await his.RegisterAsync("3301000000000001", "310", "330100", "02", "330106196803140013", onlineService: "surgery");

        Assert.Contains("service_not_in_scope", nursing.ErrMsg, StringComparison.Ordinal);
        Assert.True(followUp.IsSuccess, followUp.ErrMsg);
        Assert.Contains("online_service", unknown.ErrMsg, StringComparison.Ordinal);
    }
}
