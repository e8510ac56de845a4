using Yibao.Domain.Codes;
using Yibao.Domain.Settlement;
using static Yibao.Domain.Tests.Settlement.SettlementGenerators;

namespace Yibao.Domain.Tests.Settlement;

public sealed class SettlementRefusalTests
{
    private static SettlementInput AnyInput() => CsCheck.Check.Single(InputGen);

    [Theory]
    [InlineData("11", null)]
    [InlineData("14", null)]
    [InlineData("21", null)]
    [InlineData("41", null)]
    [InlineData("99", "unknown_med_type")]
    [InlineData("", "unknown_med_type")]
    public void Settle_MedType_OnlyNationalCodesAreKnown(string medType, string? error)
    {
        var input = AnyInput();
        var outcome = SettlementEngine.Settle(input with { Visit = input.Visit with { MedType = medType } });
        Assert.Equal(error, outcome.Error?.Code);
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(-1, 1, -1)]
    [InlineData(1, -1, -1)]
    [InlineData(2, 1.5, 3.01)]
    public void Settle_InvalidLine_IsRefused(decimal qty, decimal price, decimal amount)
    {
        var input = AnyInput();
        var lines = input.Lines.Append(new FeeLine("C1", price, qty, amount)).ToList();
        Assert.Equal("invalid_line", SettlementEngine.Settle(input with { Lines = lines }).Error?.Code);
    }

    [Fact]
    public void Settle_UnknownMedTypeAndMismatch_UnknownMedTypeWins()
    {
        var input = AnyInput();
        var outcome = SettlementEngine.Settle(input with
        {
            Visit = input.Visit with { MedType = "99" },
            Person = input.Person with { Insutype = input.Policy.Insutype == Insutype.EmployeeBasic ? Insutype.ResidentBasic : Insutype.EmployeeBasic },
            Lines = [new FeeLine("C1", 1m, 0m, 0m)],
        });
        Assert.Equal("unknown_med_type", outcome.Error?.Code);
    }

    [Fact]
    public void Settle_MismatchAndInvalidLine_MismatchWins()
    {
        var input = AnyInput();
        var outcome = SettlementEngine.Settle(input with
        {
            Person = input.Person with { Insutype = input.Policy.Insutype == Insutype.EmployeeBasic ? Insutype.ResidentBasic : Insutype.EmployeeBasic },
            Lines = [new FeeLine("C1", 1m, 0m, 0m)],
        });
        Assert.Equal("insutype_mismatch", outcome.Error?.Code);
    }

    [Fact]
    public void Settle_EmptyClaim_SettlesToZero()
    {
        var input = AnyInput();
        var r = SettlementEngine.Settle(input with { Lines = [] }).Value;
        Assert.Equal(0m, r.MedfeeSumamt);
        Assert.Equal(0m, r.PsnCashPay);
        Assert.Equal(input.Person.AccountBalance, r.Balc);
    }
}
