using CsCheck;
using Yibao.Domain.Prescriptions;

namespace Yibao.Domain.Tests.Prescriptions;

public sealed class PrescriptionLifecycleTests
{
    private const string Rx = "HIRX0001";
    private static readonly DateTimeOffset Prescribed = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8));

    private static RxState Uploaded(RxReuse? reuse = null, int validDays = 3) => new(RxStatus.Uploaded, Prescribed.AddDays(validDays), reuse ?? RxReuse.Once);

    private static RxState Step(RxState state, RxEvent @event, DateTimeOffset at, string? pharmacy = null) =>
        PrescriptionLifecycle.Next(Rx, state, @event, at, pharmacy) is { IsSuccess: true } next ? next.Value : throw new Xunit.Sdk.XunitException($"{@event} refused");

    private static string Refusal(RxState state, RxEvent @event, DateTimeOffset at, string? pharmacy = null) =>
        PrescriptionLifecycle.Next(Rx, state, @event, at, pharmacy) is { IsSuccess: false } refused ? refused.Error.Code : throw new Xunit.Sdk.XunitException($"{@event} accepted");

    [Fact]
    public void Next_TheWholeLife_SignedUploadedDispensedOnceAndWrittenOff()
    {
        var state = new RxState(RxStatus.Prechecked, Prescribed.AddDays(3), RxReuse.Once);
        var at = Prescribed.AddHours(1);

        state = Step(Step(Step(state, RxEvent.Sign, at), RxEvent.Upload, at), RxEvent.Download, at, "P1");
        Assert.Equal((RxStatus.Dispensing, "P1"), (state.Status, state.HeldBy));
        state = Step(Step(state, RxEvent.Dispense, at, "P1"), RxEvent.WriteOff, at, "P1");

        Assert.Equal((RxStatus.Settled, 1), (state.Status, state.Dispensings));
        Assert.Equal("rx_already_dispensed", Refusal(state, RxEvent.Download, at, "P2"));
        Assert.Equal("rx_already_dispensed", Refusal(state, RxEvent.Revoke, at));
    }

    [Fact]
    public void Next_TwoPharmacies_OnlyTheOneHoldingItDispenses()
    {
        var at = Prescribed.AddHours(2);
        var held = Step(Uploaded(), RxEvent.Download, at, "P1");

        Assert.Equal("rx_held_elsewhere", Refusal(held, RxEvent.Download, at, "P2"));
        Assert.Equal("rx_held_elsewhere", Refusal(held, RxEvent.Dispense, at, "P2"));
        Assert.Equal(held, Step(held, RxEvent.Download, at, "P1"));
        Assert.Equal("rx_already_dispensed", Refusal(held, RxEvent.Revoke, at));
    }

    [Fact]
    public void Next_AHoldWithNoSettlement_LapsesSoAnotherPharmacyMayTakeIt()
    {
        var at = Prescribed.AddHours(2);
        var held = Step(Uploaded(), RxEvent.Download, at, "P1");

        Assert.Equal("rx_held_elsewhere", Refusal(held, RxEvent.Download, at + PrescriptionLifecycle.HoldLifetime, "P2"));
        var taken = Step(held, RxEvent.Download, at + PrescriptionLifecycle.HoldLifetime + TimeSpan.FromSeconds(1), "P2");
        Assert.Equal(("P2", RxStatus.Dispensing), (taken.HeldBy, taken.Status));
        Assert.Equal("rx_held_elsewhere", Refusal(taken, RxEvent.Dispense, at + TimeSpan.FromHours(1), "P1"));
    }

    [Fact]
    public void Next_AReusablePrescription_IsDispensedUpToItsCountAndNoSoonerThanItsInterval()
    {
        var state = Uploaded(new RxReuse(MaxCount: 3, MinIntervalDays: 7), validDays: 30);
        var day = Prescribed.AddHours(1);

        state = Step(Step(Step(state, RxEvent.Download, day, "P1"), RxEvent.Dispense, day, "P1"), RxEvent.WriteOff, day, "P1");
        Assert.Equal((RxStatus.Uploaded, 1), (state.Status, state.Dispensings));
        Assert.Equal("rx_reuse_too_soon", Refusal(state, RxEvent.Download, day.AddDays(6), "P2"));
        state = Step(Step(Step(state, RxEvent.Download, day.AddDays(7), "P2"), RxEvent.Dispense, day.AddDays(7), "P2"), RxEvent.WriteOff, day.AddDays(7), "P2");
        state = Step(Step(Step(state, RxEvent.Download, day.AddDays(14), "P1"), RxEvent.Dispense, day.AddDays(14), "P1"), RxEvent.WriteOff, day.AddDays(14), "P1");

        Assert.Equal((RxStatus.Settled, 3), (state.Status, state.Dispensings));
        Assert.Equal("rx_already_dispensed", Refusal(state, RxEvent.Download, day.AddDays(21), "P1"));
    }

    [Fact]
    public void Next_AfterItsValidity_NothingIsDispensedAndItExpires()
    {
        var state = Uploaded(validDays: 3);
        var late = Prescribed.AddDays(3).AddMinutes(1);
        var held = Step(state, RxEvent.Download, Prescribed.AddDays(2), "P1");

        Assert.Equal("rx_expired", Refusal(state, RxEvent.Download, late, "P1"));
        Assert.Equal("rx_expired", Refusal(held, RxEvent.Dispense, late, "P1"));
        Assert.Equal("rx_state_conflict", Refusal(state, RxEvent.Expire, Prescribed.AddDays(1)));
        var expired = Step(state, RxEvent.Expire, late);
        Assert.Equal(RxStatus.Expired, expired.Status);
        Assert.Equal("2", expired.Status.RxStasCodg());
        Assert.Equal("rx_expired", Refusal(expired, RxEvent.Download, late, "P1"));
    }

    [Fact]
    public void Next_RevokedOrReopened_RevocationStopsItAndACancelledSettlementReopensIt()
    {
        var at = Prescribed.AddHours(3);
        var revoked = Step(Uploaded(), RxEvent.Revoke, at);
        var dispensed = Step(Step(Uploaded(), RxEvent.Download, at, "P1"), RxEvent.Dispense, at, "P1");
        var reopened = Step(dispensed, RxEvent.Reopen, at, "P1");

        Assert.Equal(("3", "rx_revoked"), (revoked.Status.RxStasCodg(), Refusal(revoked, RxEvent.Download, at, "P1")));
        Assert.Equal((RxStatus.Uploaded, 0, null), (reopened.Status, reopened.Dispensings, reopened.HeldBy));
        Assert.Equal(RxStatus.Dispensing, Step(reopened, RxEvent.Download, at, "P2").Status);
    }

    [Fact]
    public void Next_AnySequenceOfEvents_NeverDispensesMoreThanAllowedTooSoonOrTooLate()
    {
        var events = Gen.Select(Gen.Enum<RxEvent>(), Gen.OneOf("P1", "P2"), Gen.Int[0, 48]).Array[1, 40];
        Gen.Select(events, Gen.Int[1, 4], Gen.Int[0, 5], Gen.Int[1, 20]).Sample((steps, max, interval, validDays) =>
        {
            var state = new RxState(RxStatus.Prechecked, Prescribed.AddDays(validDays), new RxReuse(max, interval));
            var at = Prescribed;
            var dispensings = new List<DateTimeOffset>();
            foreach (var (@event, pharmacy, hours) in steps)
            {
                at = at.AddHours(hours);
                var next = PrescriptionLifecycle.Next(Rx, state, @event, at, pharmacy);
                if (!next.IsSuccess)
                {
                    continue;
                }

                if (next.Value.Dispensings > state.Dispensings)
                {
                    Assert.True(at <= state.ValidUntil, "dispensed after its validity");
                    Assert.True(dispensings.Count == 0 || at >= dispensings[^1].AddDays(interval), "dispensed too soon");
                    dispensings.Add(at);
                }
                else if (next.Value.Dispensings < state.Dispensings)
                {
                    dispensings.RemoveAt(dispensings.Count - 1);
                }

                Assert.False(state.Status is RxStatus.Revoked or RxStatus.Expired, $"{@event} accepted when {state.Status}");
                state = next.Value;
                Assert.True(state.Dispensings <= max, $"{state.Dispensings} dispensings of {max}");
            }
        }, iter: 5_000);
    }
}
