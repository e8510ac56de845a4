namespace Yibao.Domain.Prescriptions;

/// <summary>The states of a prescription on the platform (<c>spec/e-prescription.md</c>, "States").</summary>
public enum RxStatus
{
    /// <summary>Passed the platform's pre-check (<c>uploadChk</c>): it has its <c>rxTraceCode</c> and <c>hiRxno</c>.</summary>
    Prechecked,

    /// <summary>Signed with the institution's key (<c>rxFixmedinsSign</c>).</summary>
    Signed,

    /// <summary>Uploaded and valid (<c>rxStasCodg</c> 1): circulating, to be dispensed.</summary>
    Uploaded,

    /// <summary>Downloaded by one pharmacy (7203), which alone may settle it now.</summary>
    Dispensing,

    /// <summary>Settled at the pharmacy (2207), not yet written off.</summary>
    Dispensed,

    /// <summary>Written off (7206) with nothing left to dispense.</summary>
    Settled,

    Revoked,

    Expired,
}

/// <summary>What can happen to a prescription.</summary>
public enum RxEvent
{
    Sign,
    Upload,

    /// <summary>A pharmacy downloads it to dispense (7203).</summary>
    Download,

    /// <summary>The pharmacy's settlement naming it (2207).</summary>
    Dispense,

    /// <summary>That settlement cancelled (2208): the prescription may be dispensed again.</summary>
    Reopen,

    /// <summary>The pharmacy writes it off after settlement (7206).</summary>
    WriteOff,

    /// <summary>The prescribing doctor revokes it (<c>rxUndo</c>).</summary>
    Revoke,

    /// <summary>Its validity ended (<c>valiEndTime</c> passed).</summary>
    Expire,
}

/// <summary>Reuse of a prescription (<c>reptFlag</c>): how many dispensings in all, and the fewest days between two.</summary>
public sealed record RxReuse(int MaxCount, int MinIntervalDays)
{
    public static RxReuse Once { get; } = new(1, 0);
}

/// <summary>A prescription's state: where it is, until when it is valid, how often it was dispensed, and which pharmacy holds it.</summary>
/// <param name="HeldBy">While <see cref="RxStatus.Dispensing"/> or <see cref="RxStatus.Dispensed"/>: the pharmacy dispensing it.</param>
/// <param name="HeldSince">When that pharmacy downloaded it: a hold with no settlement lapses after <see cref="PrescriptionLifecycle.HoldLifetime"/>.</param>
public sealed record RxState(RxStatus Status, DateTimeOffset ValidUntil, RxReuse Reuse, int Dispensings = 0, DateTimeOffset? LastDispensedAt = null, string? HeldBy = null, DateTimeOffset? HeldSince = null)
{
    public bool IsLive => Status is RxStatus.Prechecked or RxStatus.Signed or RxStatus.Uploaded or RxStatus.Dispensing;
}

/// <summary>
/// The rules of a prescription's life, as pure functions of its state and the instant (the caller's
/// clock): one dispensing at a time and by one pharmacy, at most <see cref="RxReuse.MaxCount"/> in
/// all and no sooner than <see cref="RxReuse.MinIntervalDays"/> apart, nothing after its validity
/// or its revocation, and no revocation once dispensing began.
/// </summary>
public static class PrescriptionLifecycle
{
    /// <summary>How long a pharmacy's download holds a prescription with no settlement: then another pharmacy may take it (the patient walked out).</summary>
    public static readonly TimeSpan HoldLifetime = TimeSpan.FromMinutes(30);

    public static Result<RxState> Next(string hiRxno, RxState state, RxEvent @event, DateTimeOffset at, string? pharmacy = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var s = state.Status;
        if (@event is not (RxEvent.Expire or RxEvent.Revoke or RxEvent.Reopen or RxEvent.WriteOff) && state.IsLive && at > state.ValidUntil)
        {
            return PrescriptionErrors.Expired.With($"prescription {hiRxno} expired at {state.ValidUntil:yyyy-MM-dd HH:mm}");
        }

        return (s, @event) switch
        {
            (RxStatus.Prechecked, RxEvent.Sign) => state with { Status = RxStatus.Signed },
            (RxStatus.Signed, RxEvent.Upload) => state with { Status = RxStatus.Uploaded },
            (RxStatus.Uploaded, RxEvent.Download) => Download(hiRxno, state, at, pharmacy),
            (RxStatus.Dispensing, RxEvent.Download) when state.HeldBy == pharmacy => state,
            (RxStatus.Dispensing, RxEvent.Download) when at > state.HeldSince + HoldLifetime => Download(hiRxno, state, at, pharmacy),
            (RxStatus.Dispensing, RxEvent.Download) => PrescriptionErrors.HeldElsewhere.With($"prescription {hiRxno} is being dispensed by another pharmacy"),
            (RxStatus.Dispensing, RxEvent.Dispense) when state.HeldBy == pharmacy =>
                state with { Status = RxStatus.Dispensed, Dispensings = state.Dispensings + 1, LastDispensedAt = at },
            (RxStatus.Dispensing, RxEvent.Dispense) => PrescriptionErrors.HeldElsewhere.With($"prescription {hiRxno} is being dispensed by another pharmacy"),
            (RxStatus.Dispensed, RxEvent.Reopen) when state.HeldBy == pharmacy =>
                state with { Status = RxStatus.Uploaded, Dispensings = state.Dispensings - 1, LastDispensedAt = state.Dispensings > 1 ? state.LastDispensedAt : null, HeldBy = null, HeldSince = null },
            (RxStatus.Dispensed, RxEvent.WriteOff) when state.HeldBy == pharmacy =>
                state.Dispensings >= state.Reuse.MaxCount ? state with { Status = RxStatus.Settled } : state with { Status = RxStatus.Uploaded, HeldBy = null, HeldSince = null },
            (RxStatus.Prechecked or RxStatus.Signed or RxStatus.Uploaded, RxEvent.Revoke) => state with { Status = RxStatus.Revoked },
            (RxStatus.Dispensing or RxStatus.Dispensed or RxStatus.Settled, RxEvent.Revoke) =>
                PrescriptionErrors.AlreadyDispensed.With($"prescription {hiRxno} is being or was dispensed: it can no longer be revoked"),
            (RxStatus.Prechecked or RxStatus.Signed or RxStatus.Uploaded, RxEvent.Expire) when at > state.ValidUntil => state with { Status = RxStatus.Expired },
            (RxStatus.Revoked, _) => PrescriptionErrors.Revoked.With($"prescription {hiRxno} was revoked"),
            (RxStatus.Expired, _) => PrescriptionErrors.Expired.With($"prescription {hiRxno} has expired"),
            (RxStatus.Dispensed or RxStatus.Settled, RxEvent.Download) => PrescriptionErrors.AlreadyDispensed.With($"prescription {hiRxno} was dispensed"),
            _ => PrescriptionErrors.StateConflict.With($"prescription {hiRxno} is {s.ToName()}: it cannot {@event.ToString().ToLowerInvariant()}"),
        };
    }

    private static Result<RxState> Download(string hiRxno, RxState state, DateTimeOffset at, string? pharmacy)
    {
        if (string.IsNullOrEmpty(pharmacy))
        {
            throw new ArgumentException("a download names the pharmacy", nameof(pharmacy));
        }

        if (state.Dispensings >= state.Reuse.MaxCount)
        {
            return PrescriptionErrors.AlreadyDispensed.With($"prescription {hiRxno} was dispensed {state.Dispensings} time(s), as many as it allows");
        }

        if (state.LastDispensedAt is { } last && at < last.AddDays(state.Reuse.MinIntervalDays))
        {
            return PrescriptionErrors.TooSoon.With($"prescription {hiRxno} may be dispensed again from {last.AddDays(state.Reuse.MinIntervalDays):yyyy-MM-dd HH:mm}");
        }

        return state with { Status = RxStatus.Dispensing, HeldBy = pharmacy, HeldSince = at };
    }

    public static string ToName(this RxStatus status) => status switch
    {
        RxStatus.Prechecked => "prechecked",
        RxStatus.Signed => "signed",
        RxStatus.Uploaded => "uploaded",
        RxStatus.Dispensing => "dispensing",
        RxStatus.Dispensed => "dispensed",
        RxStatus.Settled => "settled",
        RxStatus.Revoked => "revoked",
        RxStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The national <c>rxStasCodg</c>: 1 valid, 2 expired, 3 revoked.</summary>
    public static string RxStasCodg(this RxStatus status) => status switch
    {
        RxStatus.Expired => "2",
        RxStatus.Revoked => "3",
        _ => "1",
    };
}

/// <summary>The refusals of a prescription's lifecycle.</summary>
public static class PrescriptionErrors
{
    public static readonly ErrorCode Expired = new("rx_expired", ErrorKind.Refused);
    public static readonly ErrorCode Revoked = new("rx_revoked", ErrorKind.Refused);
    public static readonly ErrorCode AlreadyDispensed = new("rx_already_dispensed", ErrorKind.Conflict);

    /// <summary>Another pharmacy downloaded it first: of two dispensing at once, one wins.</summary>
    public static readonly ErrorCode HeldElsewhere = new("rx_held_elsewhere", ErrorKind.Conflict);

    public static readonly ErrorCode TooSoon = new("rx_reuse_too_soon", ErrorKind.Refused);
    public static readonly ErrorCode StateConflict = new("rx_state_conflict", ErrorKind.Conflict);
}
