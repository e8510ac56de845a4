using Yibao.Application.Audit;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Audit;

public sealed class AuditLogTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListAuditEntries_ByActorAndAction_PagesNewestFirst(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await app.SettleAsync(await app.OpenVisitAsync());
        await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));
        Task<Domain.Result<IReadOnlyList<AuditEntry>>> List(ListAuditEntries query) => app.ReadAsync(s => s.Use<ListAuditEntriesHandler>().HandleAsync(query, default));

        var first = (await List(new ListAuditEntries(Hospital, "settlement.", null, null, null, Limit: 1))).Ok();
        var second = (await List(new ListAuditEntries(Hospital, "settlement.", null, null, first[^1].Id, Limit: 5))).Ok();
        var seeded = (await List(new ListAuditEntries("seed", null, null, null, null))).Ok();

        var newest = Assert.Single(first);
        Assert.Equal("settlement.settle", newest.Action);
        Assert.True(Assert.Single(second).Id < newest.Id);
        Assert.NotEmpty(seeded);
        Assert.All(seeded, e => Assert.Equal("seed", e.Actor));
        Assert.Empty((await List(new ListAuditEntries(Community, null, null, null, null))).Ok());
        Assert.Equal("invalid_access_query", (await List(new ListAuditEntries(null, null, null, null, null, Limit: 0))).Refusal());
    }
}
