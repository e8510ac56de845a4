using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Clearing;
using Yibao.Application.Settlements;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Clearing;

/// <summary>An institution's cross-region split detail (3260), its confirmation (3261) and the confirmation rolled back (3262).</summary>
public sealed class SplitDetailTests
{
    private const string BeijingHospital = "H11010000001";

    /// <summary>Three settlements of Zhang Wei at the Beijing hospital in October, one cancelled in October; the clock then in November.</summary>
    private static async Task<(TestApplication App, string[] SetlIds)> OctoberAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 14, 2, 0, 0, TimeSpan.Zero));
        var app = await TestApplication.CreateAsync(provider, clock);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.SettleAsync(await app.OpenVisitAsync(ZhangWei, BeijingHospital)));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(ids[2]), default))).Ok();
        await app.SettleAsync(await app.OpenVisitAsync(ZhangWei, Hospital));
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero));
        return (app, [.. ids]);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ExtractSplitDetail_PagesOfTwo_ListSettlementsThenCancellations(string provider)
    {
        var (app, ids) = await OctoberAsync(provider);
        await using var _ = app;
        Task<Domain.Result<SplitDetailPage>> PageAsync(int n, string institution = BeijingHospital) =>
            app.ReadAsync(s => s.Use<ExtractSplitDetailHandler>().HandleAsync(new ExtractSplitDetail(institution, 2026, 10, n, 2), default));

        var first = (await PageAsync(1)).Ok();
        var second = (await PageAsync(2)).Ok();
        var hangzhou = (await PageAsync(1, Hospital)).Ok();

        Assert.Equal((4L, 2L), (first.Total, first.Pages));
        Assert.Equal([ids[0], ids[1], ids[2], ids[2]], first.Lines.Concat(second.Lines).Select(l => l.SetlId));
        Assert.Equal([false, false, false, true], first.Lines.Concat(second.Lines).Select(l => l.Cancellation));
        Assert.Equal(0L, hangzhou.Total);
        Assert.Equal("clearing_invalid", (await app.ReadAsync(s => s.Use<ExtractSplitDetailHandler>().HandleAsync(new ExtractSplitDetail(BeijingHospital, 2026, 13, 1), default))).Refusal());
    }

    /// <summary>The confirmation of October as the institution would state it: the detail's lines summed, cancellations against.</summary>
    private static async Task<ConfirmSplit> StatedAsync(TestApplication app, string msgId)
    {
        var page = (await app.ReadAsync(s => s.Use<ExtractSplitDetailHandler>().HandleAsync(new ExtractSplitDetail(BeijingHospital, 2026, 10, 1), default))).Ok();
        decimal Net(Func<SplitDetail, decimal> amount) => page.Lines.Sum(l => l.Cancellation ? -amount(l) : amount(l));
        return new ConfirmSplit(BeijingHospital, 2026, 10, msgId, page.Lines.Sum(l => l.Cancellation ? -1L : 1L), Net(l => l.MedfeeSumamt), Net(l => l.FundPaySumamt), Net(l => l.AcctPay));
    }

    private static Task<Domain.Result<Storage.Entities.SplitConfirmationRow>> ConfirmAsync(TestApplication app, ConfirmSplit command) =>
        app.CommitAsync(s => s.Use<ConfirmSplitHandler>().HandleAsync(command, default));

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ConfirmSplit_TheRightTotals_ConfirmsOnceAndRefusesWrongOnes(string provider)
    {
        var (app, _) = await OctoberAsync(provider);
        await using var _ = app;

        var wrong = (await ConfirmAsync(app, (await StatedAsync(app, "M1")) with { FundPaySumamt = 0.01m })).Refusal();
        var confirmed = (await ConfirmAsync(app, await StatedAsync(app, "M2"))).Ok();
        var twice = (await ConfirmAsync(app, await StatedAsync(app, "M3"))).Refusal();
        var open = (await ConfirmAsync(app, new ConfirmSplit(BeijingHospital, 2026, 11, "M4", 0, 0, 0, 0))).Refusal();

        Assert.Equal("clearing_disagrees", wrong);
        Assert.Equal((2L, 221.60m, "2026-10"), (confirmed.Count, confirmed.MedfeeSumamt, confirmed.Month));
        Assert.Equal(("clearing_already_confirmed", "clearing_month_open"), (twice, open));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RollBackSplitConfirmation_AStandingConfirmation_LetsTheMonthBeConfirmedAgain(string provider)
    {
        var (app, _) = await OctoberAsync(provider);
        await using var _ = app;
        (await ConfirmAsync(app, await StatedAsync(app, "C1"))).Ok();
        Task<Domain.Result<Storage.Entities.SplitConfirmationRow>> RollBackAsync(string institution, string otransid) =>
            app.CommitAsync(s => s.Use<RollBackSplitConfirmationHandler>().HandleAsync(new RollBackSplitConfirmation(institution, otransid), default));

        var other = (await RollBackAsync(Hospital, "C1")).Refusal();
        var rolled = (await RollBackAsync(BeijingHospital, "C1")).Ok();
        var again = (await RollBackAsync(BeijingHospital, "C1")).Refusal();
        var reconfirmed = (await ConfirmAsync(app, await StatedAsync(app, "C2"))).Ok();

        Assert.Equal(("clearing_not_found", "clearing_not_found"), (other, again));
        Assert.NotNull(rolled.RolledBackAt);
        Assert.Equal("C2", reconfirmed.MsgId);
    }
}
