using Yibao.Domain.Designation;
using Yibao.Domain.Persons;

namespace Yibao.Domain.Tests.Designation;

public sealed class OnlineFollowUpTests
{
    private static readonly DateOnly Day = new(2026, 11, 22);

    private static string? Verify(string? diagnosis, ChronicRegistration[]? chronic = null, (DateOnly, string?)[]? visits = null, int window = 12) =>
        OnlineFollowUp.Verify(diagnosis, Day, chronic ?? [], visits ?? [], window)?.Code;

    [Fact]
    public void Verify_ChronicRegistrationForTheDisease_IsAFollowUp()
    {
        Assert.Null(Verify("I10.x01", chronic: [new("I10", "Hypertension", new DateOnly(2025, 6, 1))]));
        Assert.Equal("followup_not_verified", Verify("I10", chronic: [new("I10", "Hypertension", Day.AddDays(1))])); // registered later
        Assert.Equal("followup_not_verified", Verify("E11", chronic: [new("I10", "Hypertension", new DateOnly(2025, 6, 1))]));
    }

    [Fact]
    public void Verify_OfflineVisitWithinTheWindow_IsAFollowUp()
    {
        Assert.Null(Verify("J45", visits: [(new DateOnly(2025, 11, 22), "J45.9")]));
        Assert.Equal("followup_not_verified", Verify("J45", visits: [(new DateOnly(2025, 11, 21), "J45")]));
        Assert.Null(Verify("J45", visits: [(new DateOnly(2025, 11, 21), "J45")], window: 13));
        Assert.Equal("followup_not_verified", Verify("J45", visits: [(Day.AddDays(-3), null), (Day.AddDays(-3), "K29")]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Verify_NoDiagnosis_IsNotVerified(string? diagnosis) => Assert.Equal("followup_not_verified", Verify(diagnosis, chronic: [new("I10", "x", Day)]));
}
