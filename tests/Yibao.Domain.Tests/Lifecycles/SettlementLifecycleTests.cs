using Yibao.Domain.Lifecycles;

namespace Yibao.Domain.Tests.Lifecycles;

public sealed class SettlementLifecycleTests
{
    public static TheoryData<SettlementStatus, SettlementEvent, SettlementStatus> Allowed => new()
    {
        { SettlementStatus.Pending, SettlementEvent.Commit, SettlementStatus.Settled },
        { SettlementStatus.Pending, SettlementEvent.Release, SettlementStatus.Released },
        { SettlementStatus.Settled, SettlementEvent.Cancel, SettlementStatus.Cancelled },
        { SettlementStatus.Cancelled, SettlementEvent.Restore, SettlementStatus.Settled },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Next_AllowedTransition_GivesTheNextState(SettlementStatus from, SettlementEvent @event, SettlementStatus to) =>
        Assert.Equal(to, SettlementLifecycle.Next("ST1", from, @event).Value);

    [Fact]
    public void Next_EveryOtherTransition_IsRefusedAsAConflict()
    {
        var allowed = Allowed.Select(row => ((SettlementStatus)row[0], (SettlementEvent)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<SettlementStatus>())
        {
            foreach (var @event in Enum.GetValues<SettlementEvent>().Where(e => !allowed.Contains((from, e))))
            {
                var next = SettlementLifecycle.Next("ST1", from, @event);
                Assert.False(next.IsSuccess, $"{from} + {@event} should be refused");
                Assert.Equal(ErrorKind.Conflict, next.Error.Kind);
                Assert.StartsWith("settlement_", next.Error.Code, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(SettlementStatus.Pending, "settlement_not_committed")]
    [InlineData(SettlementStatus.Released, "settlement_not_committed")]
    [InlineData(SettlementStatus.Cancelled, "settlement_already_cancelled")]
    public void Next_CancelOfWhatDoesNotStand_SaysWhy(SettlementStatus from, string code) =>
        Assert.Equal(code, SettlementLifecycle.Next("ST1", from, SettlementEvent.Cancel).Error?.Code);

    [Fact]
    public void Initial_HeldOrNot_PendingOrSettled()
    {
        Assert.Equal(SettlementStatus.Pending, SettlementLifecycle.Initial(held: true));
        Assert.Equal(SettlementStatus.Settled, SettlementLifecycle.Initial(held: false));
        Assert.True(SettlementLifecycle.Stands(SettlementStatus.Pending));
        Assert.False(SettlementLifecycle.Stands(SettlementStatus.Released));
    }
}
