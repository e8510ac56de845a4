using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application;
using Yibao.Application.Supervision;

namespace Yibao.Testing;

/// <summary>After-event findings raised for real: the knowledge loaded by policy staff, this month's claims judged, and reviewed through the staff API.</summary>
public static class ReviewQueue
{
    /// <summary>Amlodipine (XC08CAA001A001) for women only: every settled claim of a man with it is a POL001 finding.</summary>
    public const string WomenOnlyAmlodipine = """{"restrictions": [{"code": "XC08CAA001A001", "gender": "2"}]}""";

    /// <summary>Loads <paramref name="knowledge"/> for Hangzhou and judges this month's settled claims.</summary>
    public static async Task<SupervisionRunReport> RaiseAsync(YibaoServer server, string knowledge = WomenOnlyAmlodipine)
    {
        ArgumentNullException.ThrowIfNull(server);
        var policy = await server.StaffClientAsync("policy");
        await (await policy.SendAsync(HttpMethod.Put, "/api/admin/supervision/330100", knowledge)).JsonAsync(200);
        return await JudgeAsync(server);
    }

    /// <summary>Judges this month's settled claims with the knowledge loaded, as <c>yibao supervise</c> does.</summary>
    public static async Task<SupervisionRunReport> JudgeAsync(YibaoServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var scope = server.Services.CreateScope();
        var period = scope.ServiceProvider.GetRequiredService<AgencyCalendar>().Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var run = await scope.ServiceProvider.GetRequiredService<RunSupervisionHandler>().HandleAsync(new RunSupervision(period, [], "test"), null, default);
        return run.IsSuccess ? run.Value : throw new InvalidOperationException(run.Error.ToString());
    }

    /// <summary>The first finding in the queue of <paramref name="fixmedinsCode"/>, confirmed by the audit desk and then by the admin: put to the institution.</summary>
    public static async Task<string> PutToInstitutionAsync(YibaoServer server, string fixmedinsCode)
    {
        ArgumentNullException.ThrowIfNull(server);
        var audit = await server.StaffClientAsync("audit");
        var queue = await (await audit.SendAsync(HttpMethod.Get, $"/api/admin/supervision/findings?institution={fixmedinsCode}&step=first_review")).JsonAsync(200);
        var jrId = queue.GetProperty("items")[0].GetProperty("jr_id").GetString()!;
        await (await audit.SendAsync(HttpMethod.Post, $"/api/admin/supervision/findings/{jrId}/review", new { action = "confirm", opinion = "a man's claim for a drug restricted to women" })).JsonAsync(200);
        var admin = await server.StaffClientAsync();
        await (await admin.SendAsync(HttpMethod.Post, $"/api/admin/supervision/findings/{jrId}/review", new { action = "confirm", opinion = "agreed" })).JsonAsync(200);
        return jrId;
    }
}
