using Yibao.Application.Designation;
using Yibao.Testing;

namespace Yibao.Application.Tests.Designation;

public sealed class InstitutionListTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListInstitutions_ByTextKindAndPage_InCodeOrder(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        Task<IReadOnlyList<InstitutionListItem>> List(ListInstitutions query) => app.ReadAsync(s => s.Use<ListInstitutionsHandler>().HandleAsync(query, default));

        var all = await List(new ListInstitutions());
        var internet = await List(new ListInstitutions(Kind: "internet"));
        var page = await List(new ListInstitutions(Text: "H3301", Limit: 2));
        var next = await List(new ListInstitutions(Text: "H3301", After: page[^1].FixmedinsCode, Limit: 2));

        Assert.Equal(7, all.Count);
        Assert.True(all.Select(i => i.FixmedinsCode).SequenceEqual(all.Select(i => i.FixmedinsCode).Order(StringComparer.Ordinal)));
        Assert.All(internet, i => Assert.Equal("internet", i.Kind));
        Assert.Contains(internet, i => i.FixmedinsCode == "H33010000002" && i.ReliesOn == "H33010000001");
        Assert.Equal(["H33010000001", "H33010000002"], page.Select(i => i.FixmedinsCode));
        Assert.Equal(["H33010000003", "H33010000004"], next.Select(i => i.FixmedinsCode));
        Assert.Empty(await List(new ListInstitutions(Status: "suspended")));
    }
}
