using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Clearing;
using Yibao.Application.Settlements;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Clearing;

/// <summary>The hub's monthly clearing over real cross-region settlements: Zhang Wei (Hangzhou) treated in Beijing, Liu Yang (Beijing) in Hangzhou.</summary>
public sealed class ClearingTests
{
    private const string Hangzhou = "330100";
    private const string Beijing = "110100";
    private const string BeijingHospital = "H11010000001";
    private const string LiuYang = "1101000000000004";

    /// <summary>October: two settlements of Zhang Wei in Beijing (one cancelled on 2 November), one of Liu Yang in Hangzhou, one local; the clock then on 3 November.</summary>
    private static async Task<(TestApplication App, FakeTimeProvider Clock, string[] SetlIds)> OctoberAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 14, 2, 0, 0, TimeSpan.Zero));
        var app = await TestApplication.CreateAsync(provider, clock);
        var zhangInBeijing = await app.SettleAsync(await app.OpenVisitAsync(ZhangWei, BeijingHospital));
        var zhangAgain = await app.SettleAsync(await app.OpenVisitAsync(ZhangWei, BeijingHospital));
        var liuInHangzhou = await app.SettleAsync(await app.OpenVisitAsync(LiuYang, Hospital));
        var local = await app.SettleAsync(await app.OpenVisitAsync(WangFang, Hospital));
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(zhangAgain), default))).Ok();
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero));
        return (app, clock, [zhangInBeijing, zhangAgain, liuInHangzhou, local]);
    }

    private static Task<Domain.Result<ClearingStatementView>> RunAsync(TestApplication app, string month) =>
        app.CommitAsync(s => s.Use<RunClearingHandler>().HandleAsync(new RunClearing(month, "finance"), default));

    private static Task<Domain.Result<ClearingStatementView>> ConfirmAsync(TestApplication app, string month, string area) =>
        app.CommitAsync(s => s.Use<ConfirmClearingStatementHandler>().HandleAsync(new ConfirmClearingStatement(month, area, "finance"), default));

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RunClearing_AMonthOfCrossRegionSettlements_SumsEachPairAndNetsThePositions(string provider)
    {
        var (app, _, ids) = await OctoberAsync(provider);
        await using var _ = app;
        var settlements = await app.ReadAsync(s => s.Db.Settlements.AsNoTracking().Where(x => ids.Contains(x.SetlId)).ToDictionaryAsync(x => x.SetlId));
        var (zhang, again, liu) = (settlements[ids[0]], settlements[ids[1]], settlements[ids[2]]);

        var october = (await RunAsync(app, "2026-10")).Ok();
        var november = (await RunAsync(app, "2026-11")).Refusal();

        var toBeijing = october.Pairs.Single(p => p.InsuredArea == Hangzhou && p.TreatmentArea == Beijing);
        var toHangzhou = october.Pairs.Single(p => p.InsuredArea == Beijing && p.TreatmentArea == Hangzhou);
        Assert.Equal(2, october.Pairs.Count);
        Assert.Equal((2L, 0L), (toBeijing.Settled, toBeijing.Cancelled));
        Assert.Equal(zhang.FundPaySumamt + again.FundPaySumamt, toBeijing.FundPaySumamt);
        Assert.Equal(zhang.AcctPay + again.AcctPay + zhang.FundPaySumamt + again.FundPaySumamt, toBeijing.Amount);
        Assert.Equal(liu.MedfeeSumamt, toHangzhou.MedfeeSumamt);
        var hangzhou = october.Areas.Single(a => a.Area == Hangzhou);
        Assert.Equal(toBeijing.Amount - toHangzhou.Amount, hangzhou.Net);
        Assert.Equal(0m, october.Areas.Sum(a => a.Net));
        Assert.Equal(("draft", 3L), (october.Status, october.Settlements));
        Assert.Equal("clearing_month_open", november);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RunClearing_ACancellationInTheNextMonth_CountsAgainstThatMonth(string provider)
    {
        var (app, clock, ids) = await OctoberAsync(provider);
        await using var _ = app;
        var again = await app.ReadAsync(s => s.Db.Settlements.AsNoTracking().SingleAsync(x => x.SetlId == ids[1]));
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));

        var november = (await RunAsync(app, "2026-11")).Ok();

        var pair = Assert.Single(november.Pairs);
        Assert.Equal((Hangzhou, Beijing, 0L, 1L, -1L), (pair.InsuredArea, pair.TreatmentArea, pair.Settled, pair.Cancelled, pair.Count));
        Assert.Equal(-(again.FundPaySumamt + again.AcctPay), pair.Amount);
        Assert.Equal(-(again.FundPaySumamt + again.AcctPay), november.Areas.Single(a => a.Area == Hangzhou).Net);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ConfirmClearingStatement_EveryArea_ClosesTheMonthForGood(string provider)
    {
        var (app, _, _) = await OctoberAsync(provider);
        await using var _ = app;
        var first = (await RunAsync(app, "2026-10")).Ok();
        var again = (await RunAsync(app, "2026-10")).Ok();

        var hangzhou = (await ConfirmAsync(app, "2026-10", Hangzhou)).Ok();
        var twice = (await ConfirmAsync(app, "2026-10", Hangzhou)).Refusal();
        var rerun = (await RunAsync(app, "2026-10")).Refusal();
        var closed = (await ConfirmAsync(app, "2026-10", Beijing)).Ok();
        var stranger = (await ConfirmAsync(app, "2026-10", "440100")).Refusal();
        var never = (await ConfirmAsync(app, "2026-09", Hangzhou)).Refusal();

        Assert.Equal((1, 2), (first.Runs, again.Runs));
        Assert.Equal(first.Pairs, again.Pairs);
        Assert.Equal("confirming", hangzhou.Status);
        Assert.Equal(("clearing_already_confirmed", "clearing_confirmed"), (twice, rerun));
        Assert.Equal("closed", closed.Status);
        Assert.NotNull(closed.ClosedAt);
        Assert.All(closed.Areas, a => Assert.True(a.Confirmed));
        Assert.Equal(("clearing_not_found", "clearing_not_found"), (stranger, never));
        Assert.Equal(2, await app.ReadAsync(s => s.Db.AuditLog.AsNoTracking().CountAsync(e => e.Action == "clearing.confirm")));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AdjustAdvanceFund_TopUpsAndReturns_AreAssessedAtTheNextClearing(string provider)
    {
        var (app, _, _) = await OctoberAsync(provider);
        await using var _ = app;
        Task<Domain.Result<Storage.Entities.AdvanceFundRow>> AdjustAsync(string area, decimal change) =>
            app.CommitAsync(s => s.Use<AdjustAdvanceFundHandler>().HandleAsync(new AdjustAdvanceFund(area, change, "annual advance", "finance"), default));

        var topped = (await AdjustAsync(Hangzhou, 1000m)).Ok();
        var overdrawn = (await AdjustAsync(Hangzhou, -1000.01m)).Refusal();
        var fraction = (await AdjustAsync(Hangzhou, 0.001m)).Refusal();
        var unknown = (await AdjustAsync("990100", 10m)).Refusal();
        (await AdjustAsync(Beijing, 0.01m)).Ok();
        var october = (await RunAsync(app, "2026-10")).Ok();
        var funds = await app.ReadAsync(s => s.Use<ListAdvanceFundsHandler>().HandleAsync(new ListAdvanceFunds(), default));

        Assert.Equal(1000m, topped.Amount);
        Assert.Equal(("clearing_invalid", "clearing_invalid", "clearing_not_found"), (overdrawn, fraction, unknown));
        var hangzhou = october.Areas.Single(a => a.Area == Hangzhou).Advance;
        Assert.Equal((1000m, Domain.Clearing.AdvanceStatus.Ok), (hangzhou.Advance, hangzhou.Status));
        Assert.Equal(Math.Round(hangzhou.Used / 1000m, 4), hangzhou.Usage);
        var beijing = october.Areas.Single(a => a.Area == Beijing).Advance;
        Assert.Equal(Domain.Clearing.AdvanceStatus.TopUp, beijing.Status);
        Assert.Equal(beijing.Required - 0.01m, beijing.TopUp);
        var listed = funds.Single(f => f.Area == Hangzhou);
        Assert.Equal(("2026-10", 1000m, 1), (listed.LastMonth, listed.Amount, listed.Movements.Count));
        Assert.Equal(hangzhou, listed.LastAssessment);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListAdvanceFunds_NoMonthCleared_ListsEveryAreaWithoutAssessment(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var funds = await app.ReadAsync(s => s.Use<ListAdvanceFundsHandler>().HandleAsync(new ListAdvanceFunds(), default));

        Assert.Equal([Beijing, Hangzhou], funds.Select(f => f.Area).Order(StringComparer.Ordinal));
        Assert.All(funds, f => Assert.Equal((0m, null), (f.Amount, f.LastAssessment)));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListClearingMonths_TwoMonths_NewestFirstWithTheirConfirmations(string provider)
    {
        var (app, clock, _) = await OctoberAsync(provider);
        await using var _ = app;
        (await RunAsync(app, "2026-10")).Ok();
        (await ConfirmAsync(app, "2026-10", Beijing)).Ok();
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        var november = (await RunAsync(app, "2026-11")).Ok();

        var months = await app.ReadAsync(s => s.Use<ListClearingMonthsHandler>().HandleAsync(new ListClearingMonths(), default));

        Assert.Equal(["2026-11", "2026-10"], months.Select(m => m.Month));
        Assert.Equal(("confirming", 2, 1), (months[1].Status, months[1].Areas, months[1].Confirmed));
        Assert.Equal(november.Areas.Sum(a => a.Owes), months[0].Amount);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetClearingStatement_ARunMonth_IsWhatTheRunAnswered(string provider)
    {
        var (app, _, _) = await OctoberAsync(provider);
        await using var _ = app;
        var run = (await RunAsync(app, "2026-10")).Ok();

        var read = (await app.ReadAsync(s => s.Use<GetClearingStatementHandler>().HandleAsync(new GetClearingStatement("2026-10"), default))).Ok();
        var invalid = (await app.ReadAsync(s => s.Use<GetClearingStatementHandler>().HandleAsync(new GetClearingStatement("2026-13"), default))).Refusal();

        Assert.Equal(run.Pairs, read.Pairs);
        Assert.Equal(run.Areas.Select(a => (a.Area, a.Net, a.Advance)), read.Areas.Select(a => (a.Area, a.Net, a.Advance)));
        Assert.Equal("Hangzhou", read.Areas.Single(a => a.Area == Hangzhou).AreaName);
        Assert.Equal("clearing_invalid", invalid);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ExportClearingStatement_CsvAndPdf_CarryTheStatement(string provider)
    {
        var (app, _, _) = await OctoberAsync(provider);
        await using var _ = app;
        var run = (await RunAsync(app, "2026-10")).Ok();
        Task<Domain.Result<ClearingFile>> ExportAsync(string format) =>
            app.ReadAsync(s => s.Use<ExportClearingStatementHandler>().HandleAsync(new ExportClearingStatement("2026-10", format), default));

        var csv = (await ExportAsync("csv")).Ok();
        var pdf = (await ExportAsync("pdf")).Ok();

        var text = Encoding.UTF8.GetString(csv.Content);
        var pair = run.Pairs.Single(p => p.InsuredArea == Hangzhou);
        Assert.Contains($"{Hangzhou},{Beijing},2,0,2,", text, StringComparison.Ordinal);
        Assert.Contains(pair.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("Hangzhou", text, StringComparison.Ordinal);
        Assert.Equal(("clearing-2026-10.pdf", "%PDF-"), (pdf.FileName, Encoding.ASCII.GetString(pdf.Content, 0, 5)));
        Assert.True(pdf.Content.Length > 1000, $"a PDF of {pdf.Content.Length} bytes");
        Assert.Equal("clearing_invalid", (await ExportAsync("xlsx")).Refusal());
    }
}
