using Yibao.Testing;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Yibao.Server.Tests.Infrastructure;

/// <summary>Bad input anywhere gets problem+json with a stable code: never a 500, never a partial write.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private YibaoServer _server = null!;
    private HttpClient _client = null!;
    private string _openVisit = null!;
    private string _staffToken = null!;

    public async Task InitializeAsync()
    {
        _server = await YibaoServer.StartAsync();
        _client = _server.HisClient();
        _staffToken = await YibaoServer.StaffTokenAsync(_server.CreateClient(), Application.Staff.DemoStaff.UserName("admin"), Application.Staff.DemoStaff.Password);
        _openVisit = await _client.RegisterAsync("3301000000000001", "H33010000001");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string?, int, string> Requests() => new()
    {
        { "POST", "/api/visits", "{bad", 400, "malformed_request" },
        { "POST", "/api/visits", "[]", 400, "malformed_request" },
        { "POST", "/api/visits", "", 400, "validation_failed" },
        { "POST", "/api/visits", "{}", 400, "validation_failed" },
        { "POST", "/api/visits", """{"psn_no":"3301000000000001","fixmedins_code":"H33010000001","med_type":"99"}""", 422, "unknown_med_type" },
        { "POST", "/api/visits", """{"psn_no":"nobody","fixmedins_code":"H33010000001","med_type":"11"}""", 404, "person_not_found" },
        { "POST", "/api/visits", """{"certno":"000000000000000000","fixmedins_code":"H33010000001","med_type":"11"}""", 404, "person_not_found" },
        { "POST", "/api/visits", """{"psn_no":"3301000000000001","fixmedins_code":"H99","med_type":"11"}""", 401, "unauthenticated" },
        { "POST", "/api/visits", """{"psn_no":"3301000000000001","fixmedins_code":"H33010000001","med_type":"11","channel":"phone"}""", 400, "validation_failed" },
        { "POST", "/api/visits", """{"psn_no":"3301000000000001","fixmedins_code":"H33010000001","med_type":"11","begntime":"yesterday"}""", 400, "malformed_request" },
        { "POST", "/api/visits", """{"psn_no":"3301000000000001","fixmedins_code":"H33010000001","med_type":"11","begntime":"2019-05-01T09:00:00+08:00"}""", 422, "policy_not_found" },
        { "POST", "/api/visits", """{"psn_no":["x"],"fixmedins_code":"H33010000001","med_type":"11"}""", 400, "malformed_request" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[]}""", 400, "validation_failed" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"code":"X","price":1,"qty":-1,"amount":-1}]}""", 422, "invalid_line" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"code":"X","price":1,"qty":0,"amount":0}]}""", 422, "invalid_line" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"code":"X","price":-1,"qty":1,"amount":-1}]}""", 422, "invalid_line" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"code":"X","price":1.5,"qty":2,"amount":3.01}]}""", 422, "invalid_line" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"code":"X","price":79228162514264337593543950335,"qty":2,"amount":1}]}""", 422, "invalid_line" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"code":"X","price":1e40,"qty":2,"amount":1}]}""", 400, "malformed_request" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"code":"X","price":0.123456,"qty":1,"amount":0.12}]}""", 422, "invalid_line" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"code":"X","price":"abc","qty":1,"amount":1}]}""", 400, "malformed_request" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"price":1,"qty":1,"amount":1}]}""", 400, "validation_failed" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[{"feedetl_sn":"1","code":"X","price":1,"qty":1,"amount":1},{"feedetl_sn":"1","code":"X","price":1,"qty":1,"amount":1}]}""", 400, "validation_failed" },
        { "POST", "/api/visits/{open}/fees", """{"lines":[null]}""", 400, "validation_failed" },
        { "POST", "/api/visits/MDnope/fees", """{"lines":[{"code":"X","price":1,"qty":1,"amount":1}]}""", 404, "visit_not_found" },
        { "POST", "/api/visits/MDnope/settlement", "{}", 404, "visit_not_found" },
        { "POST", "/api/visits/MDnope/pre-settlement", "{}", 404, "visit_not_found" },
        { "POST", "/api/visits/{open}/settlement", "{}", 422, "no_fee_lines" },
        { "POST", "/api/visits/{open}/settlement", """{"use_account":"maybe"}""", 400, "malformed_request" },
        { "POST", "/api/settlements/STnope/cancellation", null, 404, "settlement_not_found" },
        { "GET", "/api/settlements/STnope", null, 404, "settlement_not_found" },
        { "GET", "/api/visits/MDnope", null, 404, "visit_not_found" },
        { "POST", "/api/persons/identification", """{"mdtrt_cert_type":"02","mdtrt_cert_no":"330106196803140013"}""", 403, "presence_proof_required" },
        { "POST", "/api/persons/identification", """{"mdtrt_cert_type":"03","mdtrt_cert_no":"330106196803140013","card_sn":"SSC9"}""", 422, "card_invalid" },
        { "POST", "/api/persons/identification", """{"mdtrt_cert_type":"03","mdtrt_cert_no":"000000000000000000","card_sn":"SSC3301000000000001"}""", 422, "card_invalid" },
        { "POST", "/api/persons/identification", """{"mdtrt_cert_type":"01","mdtrt_cert_no":"nope"}""", 422, "ectoken_invalid" },
        { "POST", "/api/persons/identification", "{}", 400, "validation_failed" },
        { "GET", "/api/persons/3301000000000001", null, 404, "not_found" },
        { "GET", "/api/institutions/H33010000001/daily-totals?date=22/11/2026", null, 400, "malformed_request" },
        { "GET", "/api/no-such-thing", null, 404, "not_found" },
        { "DELETE", "/api/visits", null, 405, "method_not_allowed" },
        { "PUT", "/api/admin/policies", "{not json", 400, "malformed_document" },
        { "PUT", "/api/admin/policies", """[{"area":"330100","insutype":"310","year":2026,"benefits":{"dental":{"ratio":0.5}}}]""", 400, "malformed_document" },
        { "PUT", "/api/admin/policies", """[{"area":"330100","insutype":"310","year":2026,"maxRatio":1.5,"benefits":{}}]""", 400, "invalid_policy" },
        { "PUT", "/api/admin/policies", """[{"area":"999999","insutype":"310","year":2026,"benefits":{}}]""", 422, "unknown_area" },
        { "PUT", "/api/admin/catalogues/330100", """[{"code":"X","class":"D"}]""", 400, "malformed_document" },
        { "PUT", "/api/admin/catalogues/330100", """[{"code":"X","class":"B","selfpayProp":2}]""", 400, "invalid_catalogue" },
        { "PUT", "/api/admin/institutions", """[{"fixmedins_code":"I1","area":"330100","kind":"internet","level":"3","reliesOn":"P33010000001"}]""", 422, "invalid_relies_on" },
        { "PUT", "/api/admin/institutions", """[{"fixmedins_code":"I1","area":"330100","kind":"internet","level":"3"}]""", 400, "malformed_document" },
        { "PUT", "/api/admin/persons", """[{"psn_no":"9","certno":"330106196803140013","insutype":"310","area":"330100","birthday":"1990-01-01"}]""", 400, "import_rejected" },
        { "PUT", "/api/admin/persons", """[{"psn_no":"9","certno":"9","insutype":"310","area":"330100","birthday":"1990-01-01","accountBalance":-5}]""", 400, "malformed_document" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Request_BadInput_ProblemJsonWithStableCodeAndNothingWritten(string method, string url, string? body, int status, string code)
    {
        var before = await CountRowsAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{open}", _openVisit, StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Add("X-Msg-Id", Api.NewMsgId());
        if (url.StartsWith("/api/admin", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new("Bearer", _staffToken);
        }

        using var response = await _client.SendAsync(request);

        var problem = await response.JsonAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Post_WithoutMsgId_IsRefusedBeforeAnythingRuns()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/visits")
        {
            Content = new StringContent("""{"psn_no":"3301000000000001","fixmedins_code":"H33010000001","med_type":"11"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await _client.SendAsync(request);

        Assert.Equal("msgid_required", (await response.JsonAsync(400)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_PlainText_IsUnsupportedMediaType()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/visits") { Content = new StringContent("psn_no=1", Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Msg-Id", Api.NewMsgId());
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await response.JsonAsync(415)).GetProperty("code").GetString());
    }

    private async Task<string> CountRowsAsync()
    {
        await using var db = _server.OpenDatabase();
        return string.Join(',',
            await db.Visits.CountAsync(), await db.FeeLines.CountAsync(), await db.Settlements.CountAsync(), await db.ProcessedMessages.CountAsync(),
            await db.AuditLog.CountAsync(), await db.Policies.SumAsync(p => p.Revision), await db.CatalogueVersions.CountAsync(),
            await db.Institutions.CountAsync(), await db.Persons.CountAsync());
    }
}
