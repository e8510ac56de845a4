using Yibao.Application.Pricing;
using Yibao.Testing;

namespace Yibao.Application.Tests.Pricing;

public sealed class PriceListTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetPriceList_AnAreaWithOrWithoutOne_AnswersOrIsNotFound(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var hangzhou = (await app.ReadAsync(s => s.Use<GetPriceListHandler>().HandleAsync(new GetPriceList("330100"), default))).Ok();

        Assert.Equal(1, hangzhou.Revision);
        Assert.NotEmpty(hangzhou.List.Services);
        Assert.Equal("price_list_not_found", (await app.ReadAsync(s => s.Use<GetPriceListHandler>().HandleAsync(new GetPriceList("110100"), default))).Refusal());
    }
}
