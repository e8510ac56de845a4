using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Supervision;

/// <summary>The after-event review through the native API: the audit desk's queue, reviews and decision; the institution's findings and appeal; the scheduled run.</summary>
public sealed class FindingReviewDoorTests
{
    private const string ZhangWei = "3301000000000001";
    private const string Hospital = "H33010000001";

    [Fact]
    public async Task FindingReview_ThroughTheDoors_TwoReviewersTheAppealAndADeduction()
    {
        await using var server = await YibaoServer.StartAsync();
        var hospital = server.InstitutionClient(Hospital);
        var visit = await hospital.RegisterAsync(ZhangWei, Hospital);
        await hospital.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28));
        await (await hospital.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
        var raised = await ReviewQueue.RaiseAsync(server);
        var audit = await server.StaffClientAsync("audit");
        var queue = await (await audit.SendAsync(HttpMethod.Get, "/api/admin/supervision/findings?rule=POL001")).JsonAsync(200);
        var jrId = queue.GetProperty("items")[0].GetProperty("jr_id").GetString()!;
        var explained = await (await audit.SendAsync(HttpMethod.Get, $"/api/admin/supervision/findings/{jrId}")).JsonAsync(200);
        var notYet = await (await hospital.SendAsync(HttpMethod.Get, $"/api/supervision/findings/{jrId}")).JsonAsync(404);

        await (await audit.SendAsync(HttpMethod.Post, $"/api/admin/supervision/findings/{jrId}/review", new { action = "confirm", opinion = "a man" })).JsonAsync(200);
        var sameReviewer = await (await audit.SendAsync(HttpMethod.Post, $"/api/admin/supervision/findings/{jrId}/review", new { action = "confirm", opinion = "again" })).JsonAsync(403);
        var second = await (await (await server.StaffClientAsync()).SendAsync(HttpMethod.Post, $"/api/admin/supervision/findings/{jrId}/review", new { action = "confirm", opinion = "agreed" })).JsonAsync(200);
        var early = await (await audit.SendAsync(HttpMethod.Post, $"/api/admin/supervision/findings/{jrId}/decision", new { decision = "deduction", opinion = "too early" })).JsonAsync(409);
        var own = await (await hospital.SendAsync(HttpMethod.Get, "/api/supervision/findings")).JsonAsync(200);
        var other = await (await server.InstitutionClient("H33010000003").SendAsync(HttpMethod.Post, $"/api/supervision/findings/{jrId}/answer", new { action = "appeal", reason = "not ours" })).JsonAsync(404);
        var appealed = await (await hospital.SendAsync(HttpMethod.Post, $"/api/supervision/findings/{jrId}/answer", new { action = "appeal", reason = "prescribed for his wife" })).JsonAsync(200);
        var decided = await (await audit.SendAsync(HttpMethod.Post, $"/api/admin/supervision/findings/{jrId}/decision", new { decision = "deduction", amount = 20m, opinion = "billed to the wrong person" })).JsonAsync(200);
        var history = await (await hospital.SendAsync(HttpMethod.Get, $"/api/supervision/findings/{jrId}")).JsonAsync(200);
        await using var db = server.OpenDatabase();
        var deduction = await db.Deductions.AsNoTracking().SingleAsync();

        Assert.True(raised.Raised >= 1);
        Assert.Equal("POL001", explained.GetProperty("rule").GetProperty("id").GetString());
        Assert.Equal(51.80m, explained.GetProperty("evidence")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(51.80m, explained.GetProperty("finding").GetProperty("amount").GetDecimal());
        Assert.Equal("finding_not_found", notYet.GetProperty("code").GetString());
        Assert.Equal("review_same_reviewer", sameReviewer.GetProperty("code").GetString());
        Assert.Equal("appeal", second.GetProperty("step").GetString());
        Assert.Equal("review_appeal_open", early.GetProperty("code").GetString());
        Assert.Equal(jrId, own.GetProperty("items")[0].GetProperty("jr_id").GetString());
        Assert.Equal("finding_not_found", other.GetProperty("code").GetString());
        Assert.Equal("decision", appealed.GetProperty("step").GetString());
        Assert.Equal(("closed", "deduction", 20m), (decided.GetProperty("step").GetString(), decided.GetProperty("outcome").GetString(), decided.GetProperty("deducted").GetDecimal()));
        Assert.Equal(4, history.GetProperty("history").GetArrayLength());
        Assert.Equal((Hospital, 20m, jrId), (deduction.FixmedinsCode, deduction.Amount, deduction.JrId));
    }

    [Fact]
    public async Task SupervisionSchedule_FromTheRunDay_JudgesTheMonthBeforeOnItsOwn()
    {
        await using var server = await YibaoServer.StartAsync(settings: new()
        {
            ["Yibao:Supervision:MonthlyRunDay"] = "1",
            ["Yibao:Supervision:ScheduleCheckSeconds"] = "1",
        });
        _ = server.CreateClient(); // starts the host and its background services
        var month = server.Services.GetRequiredService<Application.AgencyCalendar>().Today.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        Storage.Entities.SupervisionRunRow? run = null;
        for (var waited = 0; waited < 120 && run?.FinishedAt is null; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await using var db = server.OpenDatabase();
            run = await db.SupervisionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Actor == "scheduler");
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // several more looks
        await using var after = server.OpenDatabase();
        Assert.NotNull(run?.FinishedAt);
        Assert.Equal(month, run.Period);
        Assert.Equal(1, await after.SupervisionRuns.CountAsync());
    }
}
