using Yibao.Application.Settlements;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Settlements;

public sealed class SettlementSearchTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SearchSettlements_FiltersAndKeysetPages_NewestFirstWithThePersonMasked(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var first = await app.SettleAsync(await app.OpenVisitAsync());
        var second = await app.SettleAsync(await app.OpenVisitAsync());
        var wang = await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));
        Task<Domain.Result<IReadOnlyList<SettlementListItem>>> Search(SearchSettlements query) => app.ReadAsync(s => s.Use<SearchSettlementsHandler>().HandleAsync(query, default));

        var all = (await Search(new SearchSettlements(Today.AddDays(-1), Today))).Ok();
        var page1 = (await Search(new SearchSettlements(Today.AddDays(-1), Today, PsnNo: ZhangWei, Limit: 1))).Ok();
        var page2 = (await Search(new SearchSettlements(Today.AddDays(-1), Today, PsnNo: ZhangWei, Before: page1[^1].SetlId, Limit: 1))).Ok();
        var byIdNumber = (await Search(new SearchSettlements(Today.AddDays(-1), Today, Certno: "330106199007210037"))).Ok();

        Assert.Equal(new[] { first, second, wang }.Order(StringComparer.Ordinal).Reverse(), all.Select(s => s.SetlId));
        Assert.Equal([new[] { first, second }.Max(StringComparer.Ordinal)!], page1.Select(s => s.SetlId));
        Assert.Equal([new[] { first, second }.Min(StringComparer.Ordinal)!], page2.Select(s => s.SetlId));
        Assert.Equal([wang], byIdNumber.Select(s => s.SetlId));
        Assert.Equal("3301**********0037", byIdNumber[0].CertnoMasked);
        Assert.DoesNotContain(all, s => s.PsnNameMasked.Length > 1 && !s.PsnNameMasked[1..].All(c => c == '*'));
        Assert.Empty((await Search(new SearchSettlements(Today.AddDays(-1), Today, Channel: "online"))).Ok());
        Assert.Empty((await Search(new SearchSettlements(Today.AddDays(-1), Today, CrossRegion: true))).Ok());
        Assert.Equal(3, (await Search(new SearchSettlements(Today.AddDays(-1), Today, Status: "settled", BenefitKind: "outpatient", FixmedinsCode: Hospital))).Ok().Count);
        Assert.Equal("invalid_search", (await Search(new SearchSettlements(Today, Today, Status: "lost"))).Refusal());
        Assert.Equal("invalid_period", (await Search(new SearchSettlements(Today, Today.AddDays(-1)))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SearchSettlements_Streamed_GivesEveryRowOfThePeriod(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        for (var i = 0; i < 3; i++)
        {
            await app.SettleAsync(await app.OpenVisitAsync());
        }

        var streamed = await app.ReadAsync(async s =>
        {
            var rows = new List<SettlementListItem>();
            await foreach (var row in s.Use<SearchSettlementsHandler>().Stream(new SearchSettlements(Today.AddDays(-1), Today)).Ok())
            {
                rows.Add(row);
            }

            return rows;
        });

        Assert.Equal(3, streamed.Count);
        Assert.True(streamed.Select(r => r.SetlId).SequenceEqual(streamed.Select(r => r.SetlId).Order(StringComparer.Ordinal).Reverse()));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetSettlementRecord_ASettlement_WithLinesHistoryAndNoOrder(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var setlId = await app.SettleAsync(await app.OpenVisitAsync());

        var record = (await app.ReadAsync(s => s.Use<GetSettlementRecordHandler>().HandleAsync(new GetSettlementRecord(setlId), default))).Ok();

        Assert.Equal(TwoLines.Length, record.Lines.Count);
        Assert.Equal(record.Settlement.MedfeeSumamt, record.Lines.Sum(l => l.Amount));
        Assert.Contains(record.History, a => a.Action == "visit.register");
        Assert.Contains(record.History, a => a.Action == "settlement.settle");
        Assert.Null(record.Order);
        Assert.Equal("3301**********0013", record.CertnoMasked);
        Assert.Equal("settlement_not_found", (await app.ReadAsync(s => s.Use<GetSettlementRecordHandler>().HandleAsync(new GetSettlementRecord("STnope"), default))).Refusal());
    }
}
