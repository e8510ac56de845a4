using Yibao.Domain.Lifecycles;

namespace Yibao.Domain.Tests.Lifecycles;

public sealed class VisitLifecycleTests
{
    public static TheoryData<VisitStatus, VisitEvent, VisitStatus> Allowed => new()
    {
        { VisitStatus.Registered, VisitEvent.Settle, VisitStatus.Settled },
        { VisitStatus.Registered, VisitEvent.Hold, VisitStatus.Paying },
        { VisitStatus.Registered, VisitEvent.Restore, VisitStatus.Settled },
        { VisitStatus.Registered, VisitEvent.Cancel, VisitStatus.Cancelled },
        { VisitStatus.Paying, VisitEvent.Commit, VisitStatus.Settled },
        { VisitStatus.Paying, VisitEvent.Release, VisitStatus.Registered },
        { VisitStatus.Settled, VisitEvent.Reopen, VisitStatus.Registered },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Next_AllowedTransition_GivesTheNextState(VisitStatus from, VisitEvent @event, VisitStatus to) =>
        Assert.Equal(to, VisitLifecycle.Next("MD1", from, @event).Value);

    [Fact]
    public void Next_EveryOtherTransition_IsRefusedAsAConflictNamingTheVisit()
    {
        var allowed = Allowed.Select(row => ((VisitStatus)row[0], (VisitEvent)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<VisitStatus>())
        {
            foreach (var @event in Enum.GetValues<VisitEvent>().Where(e => !allowed.Contains((from, e))))
            {
                var next = VisitLifecycle.Next("MD1", from, @event);
                Assert.False(next.IsSuccess, $"{from} + {@event} should be refused");
                Assert.Equal(ErrorKind.Conflict, next.Error.Kind);
                Assert.StartsWith("visit_", next.Error.Code, StringComparison.Ordinal);
                Assert.Contains("MD1", next.Error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(VisitStatus.Registered, null)]
    [InlineData(VisitStatus.Settled, "visit_already_settled")]
    [InlineData(VisitStatus.Paying, "visit_awaiting_payment")]
    [InlineData(VisitStatus.Cancelled, "visit_cancelled")]
    public void NotOpen_EachState_SaysWhetherFeesMayChange(VisitStatus status, string? code) =>
        Assert.Equal(code, VisitLifecycle.NotOpen("MD1", status)?.Code);

    [Fact]
    public void Names_EveryState_RoundTrip()
    {
        foreach (var status in Enum.GetValues<VisitStatus>())
        {
            Assert.Equal(status, VisitLifecycle.ParseVisitStatus(status.ToName()));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => VisitLifecycle.ParseVisitStatus("open"));
    }
}
