using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Supervision;
using Yibao.Domain.Supervision;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Supervision;

/// <summary>The after-event review: first review → second review → the institution's answer → the decision, with time limits and history.</summary>
public sealed class FindingReviewTests
{
    /// <summary>November's two amlodipine claims of men (restricted to women), judged on 5 December: two findings in the queue.</summary>
    private static async Task<(TestApplication App, FakeTimeProvider Clock, IReadOnlyList<string> JrIds)> QueueAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        var app = await TestApplication.CreateAsync(provider, clock);
        await app.SettleAsync(await app.OpenVisitAsync());
        await app.SettleAsync(await app.OpenVisitAsync());
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero));
        (await app.CommitAsync(s => s.Use<LoadSupervisionKnowledgeHandler>().HandleAsync(new LoadSupervisionKnowledge(
            "330100", """{"restrictions": [{"code": "XC08CAA001A001", "gender": "2"}]}""", "test"), default))).Ok();
        (await app.ReadAsync(s => s.Use<RunSupervisionHandler>().HandleAsync(new RunSupervision("2026-11", ["POL001"], "test"), null, default))).Ok();
        var queue = (await app.ReadAsync(s => s.Use<ListFindingsHandler>().HandleAsync(new ListFindings(), default))).Ok();
        return (app, clock, [.. queue.Items.Select(f => f.JrId)]);
    }

    private static Task<Domain.Result<ReviewState>> ReviewAsync(TestApplication app, string jrId, string action, string reviewer) =>
        app.CommitAsync(s => s.Use<ReviewFindingHandler>().HandleAsync(new ReviewFinding(jrId, action, "the patient is a man", reviewer), default));

    private static async Task PutToInstitutionAsync(TestApplication app, string jrId)
    {
        (await ReviewAsync(app, jrId, "confirm", "staff:li")).Ok();
        (await ReviewAsync(app, jrId, "confirm", "staff:wang")).Ok();
    }

    private static Task<Domain.Result<ReviewState>> AnswerAsync(TestApplication app, string jrId, string institution, string action = "appeal") =>
        app.CommitAsync(s => s.Use<AnswerFindingHandler>().HandleAsync(new AnswerFinding(jrId, institution, action, "the prescription was for his wife"), default));

    private static Task<Domain.Result<ReviewState>> DecideAsync(TestApplication app, string jrId, string decision, decimal? amount = null) =>
        app.CommitAsync(s => s.Use<DecideFindingHandler>().HandleAsync(new DecideFinding(jrId, decision, amount, "billed to the wrong person", "staff:zhao"), default));

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ReviewFinding_TwoReviewersThenTheAppealAndADeduction_RecordsEachStepAndTheClawback(string provider)
    {
        var (app, _, jrIds) = await QueueAsync(provider);
        await using var _ = app;
        var jrId = jrIds[0];

        (await ReviewAsync(app, jrId, "confirm", "staff:li")).Ok();
        Assert.Equal("review_same_reviewer", (await ReviewAsync(app, jrId, "confirm", "staff:li")).Refusal());
        Assert.Equal("review_invalid", (await ReviewAsync(app, jrId, "approve", "staff:wang")).Refusal());
        Assert.Equal(ReviewStep.Appeal, (await ReviewAsync(app, jrId, "confirm", "staff:wang")).Ok().Step);
        Assert.Equal("finding_not_found", (await AnswerAsync(app, jrId, Community)).Refusal());
        Assert.Equal(ReviewStep.Decision, (await AnswerAsync(app, jrId, Hospital)).Ok().Step);
        var amount = (await app.ReadAsync(s => s.Db.SupervisionFindings.AsNoTracking().SingleAsync(f => f.JrId == jrId))).Amount;
        Assert.Equal("review_amount_invalid", (await DecideAsync(app, jrId, "deduction", amount + 0.01m)).Refusal());
        var closed = (await DecideAsync(app, jrId, "deduction", amount - 0.01m)).Ok();

        var detail = (await app.ReadAsync(s => s.Use<GetFindingHandler>().HandleAsync(new GetFinding(jrId, Viewer.Staff("staff:zhao")), default))).Ok();
        Assert.Equal((ReviewStep.Closed, ReviewDecision.Deduction, amount - 0.01m), (closed.Step, closed.Outcome, closed.Deducted));
        Assert.Equal(["first_review:confirm:staff:li", "second_review:confirm:staff:wang", "appeal:appeal:" + Hospital, "decision:decide:staff:zhao"], detail.History.Select(h => $"{h.Step}:{h.Action}:{h.Actor}"));
        Assert.Equal((amount - 0.01m, Hospital, (string?)null), (detail.Deduction!.Amount, detail.Deduction.FixmedinsCode, detail.Deduction.ClearedIn));
        Assert.All(detail.History, h => Assert.False(h.Late));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task DecideFinding_Suspension_SuspendsTheInstitutionsAgreementAndClawsBack(string provider)
    {
        var (app, clock, jrIds) = await QueueAsync(provider);
        await using var _ = app;
        await PutToInstitutionAsync(app, jrIds[0]);

        Assert.Equal("review_appeal_open", (await DecideAsync(app, jrIds[0], "suspension")).Refusal());
        Assert.Equal("review_wrong_step", (await DecideAsync(app, jrIds[1], "suspension")).Refusal());
        clock.Advance(TimeSpan.FromDays(11)); // the institution did not answer in time
        var closed = (await DecideAsync(app, jrIds[0], "suspension")).Ok();

        var institution = await app.ReadAsync(s => s.Db.Institutions.AsNoTracking().SingleAsync(i => i.FixmedinsCode == Hospital));
        var deduction = await app.ReadAsync(s => s.Db.Deductions.AsNoTracking().SingleAsync());
        Assert.Equal((ReviewDecision.Suspension, "suspended"), (closed.Outcome, institution.AgreementStatus));
        Assert.Equal((jrIds[0], closed.Deducted), (deduction.JrId, deduction.Amount));
        Assert.True(closed.Deducted > 0);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AnswerFinding_AfterItsTimeLimit_IsRefusedAndANoViolationDecisionClawsNothing(string provider)
    {
        var (app, clock, jrIds) = await QueueAsync(provider);
        await using var _ = app;
        Assert.Equal("finding_not_found", (await AnswerAsync(app, jrIds[0], Hospital)).Refusal()); // not yet put to it
        await PutToInstitutionAsync(app, jrIds[0]);
        clock.Advance(TimeSpan.FromDays(11));

        Assert.Equal("review_appeal_closed", (await AnswerAsync(app, jrIds[0], Hospital)).Refusal());
        Assert.Equal(ReviewDecision.NoViolation, (await DecideAsync(app, jrIds[0], "no_violation")).Ok().Outcome);
        Assert.Equal(0, await app.ReadAsync(s => s.Db.Deductions.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListFindings_TheQueue_CountsByRuleAndInstitutionAndShowsTheOverdueFirst(string provider)
    {
        var (app, clock, jrIds) = await QueueAsync(provider);
        await using var _ = app;
        (await ReviewAsync(app, jrIds[1], "confirm", "staff:li")).Ok(); // its second review is due in 5 days
        clock.Advance(TimeSpan.FromDays(7)); // past the second review's limit, within the first's
        Task<FindingPage> ListAsync(ListFindings query) => app.ReadAsync(async s => (await s.Use<ListFindingsHandler>().HandleAsync(query, default)).Ok());

        var all = await ListAsync(new ListFindings());
        var overdue = await ListAsync(new ListFindings(OverdueOnly: true));
        var institutions = await ListAsync(new ListFindings(Institution: Hospital));

        Assert.Equal((2, 1), (all.Total, all.Overdue));
        Assert.Equal(2, all.ByRule["POL001"]);
        Assert.Equal(2, all.ByInstitution[Hospital]);
        Assert.Equal(jrIds[1], all.Items[0].JrId);
        Assert.True(all.Items[0].Overdue);
        Assert.Equal([jrIds[1]], overdue.Items.Select(f => f.JrId));
        Assert.Empty(institutions.Items); // nothing put to it yet
        Assert.Equal("review_invalid", (await app.ReadAsync(s => s.Use<ListFindingsHandler>().HandleAsync(new ListFindings(Step: "limbo"), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetFinding_ItsEvidenceAndParameters_ExplainItAndAnotherInstitutionSeesNothing(string provider)
    {
        var (app, _, jrIds) = await QueueAsync(provider);
        await using var _ = app;
        await PutToInstitutionAsync(app, jrIds[0]);

        var staff = (await app.ReadAsync(s => s.Use<GetFindingHandler>().HandleAsync(new GetFinding(jrIds[0], Viewer.Staff("staff:li")), default))).Ok();
        var own = await app.ReadAsync(s => s.Use<GetFindingHandler>().HandleAsync(new GetFinding(jrIds[0], Viewer.Institution(Hospital, "api")), default));
        var other = await app.ReadAsync(s => s.Use<GetFindingHandler>().HandleAsync(new GetFinding(jrIds[0], Viewer.Institution(Community, "api")), default));
        var reads = await app.ReadAsync(s => s.Db.PersonAccessRecords.AsNoTracking().Where(r => r.Purpose == "finding-read").Select(r => r.Actor).ToListAsync());

        Assert.Equal("POL001", staff.Rule!.Id);
        Assert.Equal("XC08CAA001A001", Assert.Single(staff.Evidence).Code);
        Assert.Equal(staff.Finding.Amount, staff.Evidence.Sum(e => e.Amount));
        Assert.NotEmpty(staff.Parameters.Keys.Concat(staff.Rule.Parameters.Keys).Append("rule"));
        Assert.True(own.IsSuccess);
        Assert.Equal("finding_not_found", other.Refusal());
        Assert.Equal(["staff:li", Hospital], reads);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RunDueSupervision_FromTheRunDay_JudgesTheMonthBeforeOnce(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApplication.CreateAsync(provider, clock);
        await app.SettleAsync(await app.OpenVisitAsync());
        Task<SupervisionRunReport?> LookAsync() => app.ReadAsync(async s => (await s.Use<RunDueSupervisionHandler>().HandleAsync(new RunDueSupervision(), default)).Ok());

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 1, 0, 0, TimeSpan.Zero));
        var early = await LookAsync();
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero));
        var due = await LookAsync();
        var again = await LookAsync();
        var runs = await app.ReadAsync(s => s.Db.SupervisionRuns.AsNoTracking().ToListAsync());

        Assert.Null(early);
        Assert.Equal(("2026-11", 1L), (due!.Period, due.Claims));
        Assert.Null(again);
        Assert.Equal(("2026-11", RunDueSupervisionHandler.Actor, 1L), (runs.Single().Period, runs.Single().Actor, runs.Single().Claims));
        Assert.NotNull(runs.Single().FinishedAt);
    }
}
