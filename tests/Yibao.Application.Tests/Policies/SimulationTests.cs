using Microsoft.EntityFrameworkCore;
using Yibao.Application.Policies;
using Yibao.Application.Settlements;
using Yibao.Domain.Lifecycles;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Policies;

public sealed class SimulationTests
{
    private const string Staff = "staff:demo.policy";

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RunSimulation_TheUnchangedPolicy_ReproducesEveryStoredSettlementToTheCent(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await SettleSomeAsync(app);
        var draft = (await app.CommitAsync(s => s.Use<CreatePolicyDraftHandler>().HandleAsync(new CreatePolicyDraft("330100", "310", 2026, Staff), default))).Ok();

        var report = await SimulateAsync(app, draft.Id);
        var stored = await app.ReadAsync(s => s.Db.Settlements.Where(x => x.InsuredArea == "330100" && x.Insutype == "310").Select(x => new { x.Status, x.FundPaySumamt, x.PsnCashPay, x.AcctPay }).ToListAsync());
        var standing = stored.Where(x => x.Status == SettlementStatus.Settled).ToList();

        Assert.Equal(stored.Count, report.Resettled);
        Assert.Equal(0, report.Changed);
        Assert.Equal(standing.Count, report.Total.Settlements);
        Assert.Equal((standing.Sum(x => x.FundPaySumamt), standing.Sum(x => x.FundPaySumamt)), (report.Total.FundBefore, report.Total.FundAfter));
        Assert.Equal((standing.Sum(x => x.PsnCashPay), standing.Sum(x => x.PsnCashPay)), (report.Total.CashBefore, report.Total.CashAfter));
        Assert.Equal(standing.Sum(x => x.AcctPay), report.Total.AccountAfter);
        Assert.Equal(report.People, report.CashChangeHistogram.Single(b => b.Label == "0").People);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task StartSimulationThenGetSimulationAndListSimulations_ALowerDeductible_ShowsTheFundPayingMoreInTheSavedReport(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await SettleSomeAsync(app);
        var draft = (await app.CommitAsync(s => s.Use<CreatePolicyDraftHandler>().HandleAsync(new CreatePolicyDraft("330100", "310", 2026, Staff), default))).Ok();
        var richer = draft.Document.Replace("\"amount\":1000", "\"amount\":50", StringComparison.Ordinal);
        Assert.NotEqual(draft.Document, richer);
        (await app.CommitAsync(s => s.Use<SavePolicyDraftHandler>().HandleAsync(new SavePolicyDraft(draft.Id, richer, Staff), default))).Ok();

        var report = await SimulateAsync(app, draft.Id);
        var runs = await app.ReadAsync(s => s.Use<ListSimulationsHandler>().HandleAsync(new ListSimulations(draft.Id), default));
        var saved = (await app.ReadAsync(s => s.Use<GetSimulationHandler>().HandleAsync(new GetSimulation(runs[0].Id), default))).Ok();

        Assert.True(report.Total.FundAfter > report.Total.FundBefore, $"{report.Total.FundBefore} → {report.Total.FundAfter}");
        Assert.Equal(report.Total.FundAfter - report.Total.FundBefore, report.Total.CashBefore + report.Total.AccountBefore - report.Total.CashAfter - report.Total.AccountAfter);
        Assert.True(report.Changed > 0);
        Assert.Equal(("done", 1.0), (saved.Status, saved.Fraction));
        Assert.Equal(report.Total, saved.Report!.Total);
        Assert.Equal(report.MostAffected, saved.Report.MostAffected);
        Assert.Null(runs[0].Report);
        Assert.Equal("simulation_not_queued", (await app.ReadAsync(s => s.Use<RunSimulationHandler>().HandleAsync(new RunSimulation(runs[0].Id), null, default))).Refusal());
        Assert.Equal("invalid_simulation_period", (await app.CommitAsync(s => s.Use<StartSimulationHandler>().HandleAsync(new StartSimulation(draft.Id, new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 31), Staff), default))).Refusal());
        Assert.Equal("simulation_not_found", (await app.ReadAsync(s => s.Use<GetSimulationHandler>().HandleAsync(new GetSimulation(999), default))).Refusal());
    }

    /// <summary>Three settlements for two people, one of them cancelled after the next was made.</summary>
    private static async Task SettleSomeAsync(TestApplication app)
    {
        var first = await app.SettleAsync(await app.OpenVisitAsync());
        await app.SettleAsync(await app.OpenVisitAsync());
        (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(first), default))).Ok();
        await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));
    }

    private static async Task<Domain.Simulation.SimulationReport> SimulateAsync(TestApplication app, long draftId)
    {
        var run = (await app.CommitAsync(s => s.Use<StartSimulationHandler>().HandleAsync(new StartSimulation(draftId, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Staff), default))).Ok();
        var heard = new List<long>();
        var report = (await app.ReadAsync(s => s.Use<RunSimulationHandler>().HandleAsync(new RunSimulation(run), new Progress(heard), default))).Ok();
        Assert.Equal(report.Resettled, heard[^1]);
        return report;
    }

    private sealed class Progress(List<long> heard) : IProgress<long>
    {
        public void Report(long value) => heard.Add(value);
    }
}
