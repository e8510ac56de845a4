using Microsoft.EntityFrameworkCore;
using Yibao.Application.Policies;
using Yibao.Application.Reference;
using Yibao.Domain.Lifecycles;
using Yibao.Testing;

namespace Yibao.Application.Tests.Reference;

public sealed class DemoHistoryTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SeedDemoHistory_AMonth_SettlesByTheEngineAndTheSimulatorReproducesIt(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var made = (await app.CommitAsync(s => s.Use<SeedDemoHistoryHandler>().HandleAsync(new SeedDemoHistory(1), default))).Ok();
        var again = await app.CommitAsync(s => s.Use<SeedDemoHistoryHandler>().HandleAsync(new SeedDemoHistory(1), default));
        var stored = await app.ReadAsync(s => s.Db.Settlements.Where(x => x.PsnNo.StartsWith("33019")).Select(x => new { x.PsnNo, x.Insutype, x.BenefitKind, x.Status, x.FundDelta, x.Channel, x.SettlementDate }).ToListAsync());
        var accumulators = await app.ReadAsync(s => s.Db.Accumulators.Where(a => a.PsnNo.StartsWith("33019")).Select(a => new { a.PsnNo, a.BenefitKind, a.FundPaid }).ToListAsync());

        Assert.True(made > 20 * SeedDemoHistory.VisitsPerDay * 9 / 10, $"{made} settlements");
        Assert.Equal(made, stored.Count);
        Assert.Equal("demo_history_loaded", again.Refusal());
        Assert.Contains(stored, x => x.Channel == "online");
        Assert.Contains(stored, x => x.Status == SettlementStatus.Cancelled);
        Assert.Equal(4, stored.Select(x => x.BenefitKind).Distinct().Count());
        var standing = stored.Where(x => x.Status == SettlementStatus.Settled).GroupBy(x => (x.PsnNo, x.BenefitKind)).ToDictionary(g => g.Key, g => g.Sum(x => x.FundDelta));
        Assert.All(accumulators, a => Assert.Equal(standing.GetValueOrDefault((a.PsnNo, a.BenefitKind)), a.FundPaid));

        foreach (var insutype in new[] { "310", "390" })
        {
            var draft = (await app.CommitAsync(s => s.Use<CreatePolicyDraftHandler>().HandleAsync(new CreatePolicyDraft("330100", insutype, stored[0].SettlementDate.Year, "test"), default))).Ok();
            var run = (await app.CommitAsync(s => s.Use<StartSimulationHandler>().HandleAsync(new StartSimulation(draft.Id, stored.Min(x => x.SettlementDate), stored.Max(x => x.SettlementDate), "test"), default))).Ok();
            var report = (await app.ReadAsync(s => s.Use<RunSimulationHandler>().HandleAsync(new RunSimulation(run), null, default))).Ok();
            Assert.True(report.Total.Settlements > 0);
            Assert.Equal(0, report.Changed);
        }
    }
}
