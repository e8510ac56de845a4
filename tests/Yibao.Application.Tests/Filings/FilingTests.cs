using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Filings;
using Yibao.Application.Visits;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Filings;

/// <summary>Filing for treatment in another area at the insured node: apply, see, end; an emergency filed after the treatment.</summary>
public sealed class FilingTests
{
    private const string Beijing = "110100";
    private const string BeijingHospital = "H11010000001";

    private static Task<Domain.Result<FilingView>> ApplyAsync(TestApplication app, string type, string reason, DateOnly? from = null, DateOnly? to = null, string toArea = Beijing) =>
        app.CommitAsync(s => s.Use<ApplyForFilingHandler>().HandleAsync(new ApplyForFiling(ZhangWei, type, reason, toArea, from, to, "phone", "person:" + ZhangWei), default));

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ApplyForFiling_ATemporaryFilingThenATreatment_SettlesItAsFiled(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApplication.CreateAsync(provider, clock);

        var filed = (await ApplyAsync(app, "temporaryFiled", "referral")).Ok();
        var visit = (await app.CommitAsync(s => s.Use<RegisterVisitHandler>().HandleAsync(new RegisterVisit(ZhangWei, null, BeijingHospital, "11"), default))).Ok();
        var filing = await app.ReadAsync(s => s.Db.Visits.AsNoTracking().Where(v => v.MdtrtId == visit.MdtrtId).Select(v => v.Filing).SingleAsync());
        var audit = await app.ReadAsync(s => s.Db.AuditLog.AsNoTracking().CountAsync(e => e.Action == "filing.apply"));

        Assert.Equal(("active", new DateOnly(2027, 6, 2), "phone"), (filed.Status, filed.To, filed.FiledVia));
        Assert.Equal("temporaryFiled", filing);
        Assert.Equal(1, audit);
        Assert.Equal("filing_overlaps", (await ApplyAsync(app, "longTerm", "retiree", new DateOnly(2027, 1, 1))).Refusal());
        Assert.Equal("filing_same_area", (await ApplyAsync(app, "longTerm", "retiree", toArea: "330100")).Refusal());
        Assert.Equal("unknown_area", (await ApplyAsync(app, "longTerm", "retiree", toArea: "990100")).Refusal());
        Assert.Equal("filing_invalid", (await ApplyAsync(app, "forever", "retiree")).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ApplyForFiling_AnEmergencyAfterTheTreatment_ReachesTheTreatmentUntilItIsSettled(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApplication.CreateAsync(provider, clock);
        var visit = (await app.CommitAsync(s => s.Use<RegisterVisitHandler>().HandleAsync(new RegisterVisit(ZhangWei, null, BeijingHospital, "11"), default))).Ok();
        Task<string> FilingOfAsync() => app.ReadAsync(s => s.Db.Visits.AsNoTracking().Where(v => v.MdtrtId == visit.MdtrtId).Select(v => v.Filing).SingleAsync());
        var before = await FilingOfAsync();
        clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal("filing_backdated", (await ApplyAsync(app, "temporaryFiled", "referral", new DateOnly(2026, 12, 1))).Refusal());
        var filed = (await ApplyAsync(app, "temporaryFiled", "emergency", new DateOnly(2026, 12, 1))).Ok();

        Assert.Equal(("unfiled", "temporaryFiled"), (before, await FilingOfAsync()));
        Assert.Equal(new DateOnly(2026, 12, 1), filed.From);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task EndFiling_ALongTermFiling_EndsTodayOnlyForItsPerson(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApplication.CreateAsync(provider, clock);
        var filed = (await ApplyAsync(app, "longTerm", "posted")).Ok();
        Task<Domain.Result<FilingView>> EndAsync(string psnNo) =>
            app.CommitAsync(s => s.Use<EndFilingHandler>().HandleAsync(new EndFiling(psnNo, filed.Id, "phone", "person:" + psnNo), default));

        Assert.Equal("filing_not_found", (await EndAsync(WangFang)).Refusal());
        var ended = (await EndAsync(ZhangWei)).Ok();
        clock.Advance(TimeSpan.FromDays(1));
        var listed = (await app.ReadAsync(s => s.Use<ListFilingsHandler>().HandleAsync(new ListFilings(ZhangWei), default))).Ok();

        Assert.Equal(new DateOnly(2026, 12, 3), ended.To);
        Assert.Equal("ended", Assert.Single(listed.Filings).Status);
        Assert.Equal("filing_ended", (await EndAsync(ZhangWei)).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListFilings_ThePersonsOwn_LatestFirstWithTheirState(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApplication.CreateAsync(provider, clock);
        (await ApplyAsync(app, "temporaryFiled", "referral")).Ok();
        (await ApplyAsync(app, "longTerm", "resident", new DateOnly(2027, 7, 1), toArea: "110000")).Ok(); // the whole province, after the temporary one

        var listed = (await app.ReadAsync(s => s.Use<ListFilingsHandler>().HandleAsync(new ListFilings(ZhangWei), default))).Ok();
        var others = (await app.ReadAsync(s => s.Use<ListFilingsHandler>().HandleAsync(new ListFilings(WangFang), default))).Ok();

        Assert.Equal([("110000", "upcoming"), (Beijing, "active")], listed.Filings.Select(f => (f.ToArea, f.Status)));
        Assert.Equal(["110000", Beijing], listed.Places.Select(p => p.Code)); // not Zhejiang, his own
        Assert.Empty(others.Filings);
    }
}
