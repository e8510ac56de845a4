using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Pricing;

namespace Yibao.Domain.Tests.Pricing;

public sealed class InternetPlusPriceListTests
{
    private const string Document = """
        {"area":"330100","services":[
          {"code":"C1","name":"Ordinary consultation","rule":"byLevel","prices":{"1":10,"2":18,"3":25}},
          {"code":"F1","name":"Online follow-up","rule":"followsItem","follows":"C1"},
          {"code":"S1","name":"On-site fee","rule":"selfPaid"},
          {"code":"G1","name":"First visit, chief","rule":"byLevel","prices":{"1":50,"2":50,"3":50},"doctorGrade":"chief"}]}
        """;

    private static InternetPlusPriceList List => PriceListJson.Read(Document).Value;

    [Theory]
    [InlineData("C1", 1, 10)]
    [InlineData("C1", 3, 25)]
    [InlineData("F1", 1, 10)] // the follow-up costs what the ordinary consultation costs at the level
    [InlineData("F1", 2, 18)]
    [InlineData("G1", 1, 50)]
    public void GoverningPrice_ByLevelAndFollowed_IsTheLevelsPrice(string code, int level, decimal price) =>
        Assert.Equal(price, List.GoverningPrice(code, level));

    [Fact]
    public void GoverningPrice_SelfPaidOrUnlisted_IsNone()
    {
        Assert.Null(List.GoverningPrice("S1", 1));
        Assert.Null(List.GoverningPrice("X", 1));
    }

    [Fact]
    public void Govern_Entries_CapAtTheLowerPriceOrMakeSelfPaid()
    {
        var capped = new CatalogueEntry("F1", "f", ItemKind.Service, CatalogueClass.A, 0m, 25m);
        var uncapped = new CatalogueEntry("C1", "c", ItemKind.Service, CatalogueClass.B, 0.1m, null);
        var onSite = new CatalogueEntry("S1", "s", ItemKind.Service, CatalogueClass.B, 0.1m, 100m);

        Assert.Equal(10m, List.Govern(capped, "F1", 1)!.PriceCap);
        Assert.Equal(25m, List.Govern(capped, "F1", 3)!.PriceCap);
        Assert.Equal(18m, List.Govern(uncapped, "C1", 2)!.PriceCap);
        Assert.Equal(CatalogueClass.C, List.Govern(onSite, "S1", 3)!.Class);
        Assert.Equal(CatalogueClass.C, List.Govern(null, "S1", 3)!.Class);
        Assert.Null(List.Govern(null, "F1", 3)); // not in the catalogue: stays fully self-paid
        Assert.Same(capped, List.Govern(capped, "X", 1)); // not in the price list: untouched
    }

    [Fact]
    public void Govern_WholeCatalogue_ClassifiesAboveThePriceAsOver()
    {
        var catalogue = new Catalogue([new CatalogueEntry("F1", "f", ItemKind.Service, CatalogueClass.A, 0m, 25m)]);
        var governed = List.Govern(catalogue, 1);

        var split = Domain.Settlement.SettlementEngine.Classify(governed.Find("F1"), new Domain.Settlement.FeeLine("F1", 25m, 1m, 25m));

        Assert.Equal(15m, split.Over);
        Assert.Equal(10m, split.Inscp);
    }

    [Theory]
    [InlineData("""{"area":"330100","services":[{"code":"F1","rule":"followsItem","follows":"NOPE"}]}""")]
    [InlineData("""{"area":"330100","services":[{"code":"C1","rule":"byLevel","prices":{"1":10,"2":-1,"3":25}}]}""")]
    [InlineData("""{"area":"330100","services":[{"code":"C1","rule":"byDoctorGrade"}]}""")]
    [InlineData("""{"area":"33","services":[]}""")]
    public void Read_InvalidList_IsMalformed(string json) =>
        Assert.Equal("malformed_document", PriceListJson.Read(json).Error?.Code);
}
