using Yibao.Domain.Catalogues;
using Yibao.Domain.Interchange;

namespace Yibao.Domain.Tests.Interchange;

public sealed class CatalogueJsonTests
{
    [Fact]
    public void ReadEntries_NationalMarks_AreReadAndWrittenBack()
    {
        const string json = """
            [{"code":"X1","name":"insulin","kind":"drug","class":"B","selfpayProp":0.2,"negotiatedDrug":true,"childMedicine":true,"restrictedUse":"type 1 diabetes"},
             {"code":"S1","name":"test","kind":"service","class":"A","chrgitmType":"04","essentialMedicine":false,"specialItem":true}]
            """;

        var entries = CatalogueJson.ReadEntries(json).Value;
        var again = CatalogueJson.ReadEntries(CatalogueJson.WriteEntries(entries)).Value;

        Assert.Equal(CatalogueMarks.NegotiatedDrug | CatalogueMarks.ChildMedicine, entries[0].Marks);
        Assert.Equal("type 1 diabetes", entries[0].RestrictedUse);
        Assert.Equal("09", entries[0].MedChrgitmType);
        Assert.Equal(CatalogueMarks.SpecialItem, entries[1].Marks);
        Assert.Equal("04", entries[1].MedChrgitmType);
        Assert.Equal(entries, again);
    }

    [Theory]
    [InlineData("drug", "09")]
    [InlineData("material", "08")]
    [InlineData("service", "14")]
    public void MedChrgitmType_NotStated_FollowsTheKind(string kind, string expected)
    {
        var entry = CatalogueJson.ReadEntries($$"""[{"code":"C","kind":"{{kind}}","class":"A"}]""").Value[0];

        Assert.Equal(expected, entry.MedChrgitmType);
        Assert.Equal(CatalogueMarks.None, entry.Marks);
    }

    [Theory]
    [InlineData("\"chrgitmType\":\"9\"")]
    [InlineData("\"chrgitmType\":\"AB\"")]
    [InlineData("\"negotiatedDrug\":\"yes\"")]
    public void ReadEntries_MarkOutOfRule_IsRefused(string member)
    {
        var read = CatalogueJson.ReadEntries($$"""[{"code":"C","kind":"drug","class":"A",{{member}}}]""");

        Assert.False(read.IsSuccess);
    }
}
