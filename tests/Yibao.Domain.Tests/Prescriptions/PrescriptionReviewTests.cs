using System.Text.Json.Nodes;
using Yibao.Domain.Prescriptions;

namespace Yibao.Domain.Tests.Prescriptions;

public sealed class PrescriptionReviewTests
{
    private static PrescribedDrug Drug(decimal count, string? frequency = "tid", int days = 7, decimal dose = 2m, string? unit = "tablet", string code = "XC08CAA001A001") =>
        new(code, "Amlodipine", days, dose, unit, frequency, count, unit);

    [Theory]
    [InlineData("qd", 7, 1, 7)]
    [InlineData("tid", 7, 2, 42)]
    [InlineData("q12h", 10, 1, 20)]
    [InlineData("qw", 28, 1, 4)]
    [InlineData("qod", 5, 1, 3)] // 2.5 doses, rounded up to whole units
    public void CourseQuantity_KnownFrequency_IsDaysTimesDoseTimesDosesADay(string frequency, int days, int dose, int expected) =>
        Assert.Equal(expected, PrescriptionReview.CourseQuantity(Drug(1, frequency, days, dose)));

    [Fact]
    public void CourseQuantity_UnknownFrequencyOrAnotherUnit_CannotBeSaid()
    {
        Assert.Null(PrescriptionReview.CourseQuantity(Drug(1, "prn")));
        Assert.Null(PrescriptionReview.CourseQuantity(Drug(1, null)));
        Assert.Null(PrescriptionReview.CourseQuantity(Drug(1) with { DrugDosunt = "box" }));
    }

    [Fact]
    public void CheckCourse_MoreThanTheCourse_IsRefusedAndTheCourseItselfPasses()
    {
        Assert.Null(PrescriptionReview.CheckCourse(Drug(42)));
        Assert.Equal("rx_quantity_over_course", PrescriptionReview.CheckCourse(Drug(43))?.Code);
        Assert.Null(PrescriptionReview.CheckCourse(Drug(400, "prn")));
    }

    [Theory]
    [InlineData(0, 3, "rx_validity_too_long")]
    [InlineData(1, 3, null)]
    [InlineData(3, 3, null)]
    [InlineData(4, 3, "rx_validity_too_long")]
    [InlineData(30, 30, null)]
    public void CheckValidity_AgainstTheAreasLimit_AllowsOneDayToTheLimit(int days, int limit, string? code) =>
        Assert.Equal(code, PrescriptionReview.CheckValidity(days, limit)?.Code);

    [Fact]
    public void CheckDuplicates_TheSameDrugOnAnotherPrescriptionInForce_IsRefusedButNotOnceItEnded()
    {
        var at = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
        (string, DateTimeOffset, IReadOnlyCollection<string>)[] inForce = [("RX1", at.AddDays(1), ["XC08CAA001A001"])];
        (string, DateTimeOffset, IReadOnlyCollection<string>)[] ended = [("RX1", at.AddDays(-1), ["XC08CAA001A001"])];

        Assert.Equal("rx_duplicate_therapy", PrescriptionReview.CheckDuplicates([Drug(7)], inForce, at)?.Code);
        Assert.Null(PrescriptionReview.CheckDuplicates([Drug(7)], ended, at));
        Assert.Null(PrescriptionReview.CheckDuplicates([Drug(7, code: "XA10BAA001A001")], inForce, at));
    }

    [Fact]
    public void CheckLines_OnlyPrescribedDrugsWithinTheirQuantities_Pass()
    {
        PrescribedDrug[] prescribed = [Drug(28, "qd", 28, 1), Drug(10, "qd", 10, 1, code: "XA10BAA001A001")];

        Assert.Null(PrescriptionDispensing.CheckLines("RX1", [new("XC08CAA001A001", 14), new("XC08CAA001A001", 14)], prescribed));
        Assert.Equal("rx_quantity_exceeded", PrescriptionDispensing.CheckLines("RX1", [new("XC08CAA001A001", 14), new("XC08CAA001A001", 15)], prescribed)?.Code);
        Assert.Equal("rx_drug_not_prescribed", PrescriptionDispensing.CheckLines("RX1", [new("XC10AAA005A001", 1)], prescribed)?.Code);
    }
}

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Write_SameContentInAnyOrderOrSpacing_GivesTheSameText()
    {
        var a = JsonNode.Parse("""{"b": 1, "a": {"y": [1, {"q": "x", "p": null}], "x": "中文"}}""");
        var b = JsonNode.Parse("""{"a":{"x":"中文","y":[1,{"p":null,"q":"x"}]},"b":1}""");

        Assert.Equal(CanonicalJson.Write(a), CanonicalJson.Write(b));
        Assert.Equal("""{"a":{"x":"中文","y":[1,{"p":null,"q":"x"}]},"b":1}""", CanonicalJson.Write(a));
    }

    [Fact]
    public void Write_AnyChangedValueOrArrayOrder_GivesAnotherText()
    {
        const string original = """{"hiRxno":"RX1","drugs":[{"code":"A","cnt":28},{"code":"B","cnt":7}],"patient":"Zhang Wei"}""";
        var text = CanonicalJson.Write(JsonNode.Parse(original));
        string[] changed =
        [
            original.Replace("28", "29", StringComparison.Ordinal),
            original.Replace("Zhang Wei", "Zhang  Wei", StringComparison.Ordinal),
            """{"hiRxno":"RX1","drugs":[{"code":"B","cnt":7},{"code":"A","cnt":28}],"patient":"Zhang Wei"}""",
            original.Replace("\"RX1\"", "\"RX1\",\"extra\":1", StringComparison.Ordinal),
        ];

        Assert.All(changed, c => Assert.NotEqual(text, CanonicalJson.Write(JsonNode.Parse(c))));
    }
}

public sealed class PrescriptionDocumentTests
{
    [Fact]
    public void Read_AWellFormedPrescription_ReadsItsOrderInTheAgencysZone()
    {
        var document = JsonNode.Parse("""
            {"bizTypeCode":"02","rxExraAttrCode":"01","prscTime":"2026-11-20 10:00:00","valiDays":"3","reptFlag":"1","maxReptCnt":2,"minInrvDays":7,
             "rxdrugdetail":[{"medListCodg":"XC08CAA001A001","drugGenname":"Amlodipine","medcDays":28,"sinDoscnt":"1","sinDosunt":"tablet","usedFrquCodg":"qd","drugCnt":28,"drugDosunt":"tablet"}],
             "mdtrtinfo":{"mdtrtId":"MD1","psnNo":"P1","maindiagCode":"I10"}}
            """)!.AsObject();

        var order = PrescriptionDocument.Read(document, TimeSpan.FromHours(8)).Value;

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero), order.PrscTime);
        Assert.Equal(("MD1", "P1", "02", 3, new RxReuse(2, 7), "I10"), (order.MdtrtId, order.PsnNo, order.BizTypeCode, order.ValiDays, order.Reuse, order.DiseCodg));
        Assert.Equal(28m, order.Drugs.Single().DrugCnt);
    }

    [Fact]
    public void Read_MissingOrBadFields_NamesEveryOne()
    {
        var error = PrescriptionDocument.Read(JsonNode.Parse("""{"bizTypeCode":"9","rxdrugdetail":[{"medListCodg":"X","drugCnt":-1}]}""")!.AsObject(), TimeSpan.Zero).Error!;

        Assert.Equal("rx_invalid", error.Code);
        foreach (var field in new[] { "mdtrtinfo", "rxdrugdetail[0].medcDays", "rxdrugdetail[0].drugCnt", "bizTypeCode", "prscTime", "valiDays", "mdtrtinfo.mdtrtId" })
        {
            Assert.Contains(field, error.Message, StringComparison.Ordinal);
        }
    }
}
