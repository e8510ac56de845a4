using CsCheck;
using Yibao.Domain.Privacy;

namespace Yibao.Domain.Tests.Privacy;

public sealed class MaskingTests
{
    [Theory]
    [InlineData("330106196803140013", "3301**********0013")]
    [InlineData("33010619680314001X", "3301**********001X")]
    [InlineData("330106680314001", "3301*******4001")]
    [InlineData("1234", "****")]
    public void IdNumber_KeepsTheFirstAndLastFour(string id, string masked) => Assert.Equal(masked, Masking.IdNumber(id));

    [Theory]
    [InlineData("张伟", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("Zhang Wei", "Z********")]
    [InlineData("李", "李")]
    public void Name_KeepsTheFirstCharacter(string name, string masked) => Assert.Equal(masked, Masking.Name(name));

    [Fact]
    public void Scrub_IdNumbersInText_AreMaskedAndOtherNumbersKept()
    {
        var text = "Suspended: 330106196803140013 (and 33010619680314001x) billed for psn 3301000000000001 in ST20261122000000000001, 12.50 yuan";

        Assert.Equal("Suspended: 3301**********0013 (and 3301**********001x) billed for psn 3301000000000001 in ST20261122000000000001, 12.50 yuan", Masking.Scrub(text));
    }

    [Fact]
    public void Scrub_AnyEighteenCharacterIdNumber_NeverSurvivesWhole()
    {
        Gen.Select(Gen.Int[1, 9], Gen.Long[0, 9_999_999_999_999_999L], Gen.OneOf(Gen.Const("0"), Gen.Const("7"), Gen.Const("X")), Gen.OneOf(Gen.Const(""), Gen.Const(" "), Gen.Const("："), Gen.Const("id="), Gen.Const("\n")))
            .Sample((first, middle, check, before) =>
            {
                var id = $"{first}{middle:D16}{check}";
                var scrubbed = Masking.Scrub($"{before}{id} ok");
                return !scrubbed.Contains(id, StringComparison.Ordinal) && scrubbed.Contains(id[..4] + "**********" + id[^4..], StringComparison.Ordinal);
            });
    }
}
