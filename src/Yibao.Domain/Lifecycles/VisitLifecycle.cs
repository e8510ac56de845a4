using static Yibao.Domain.Lifecycles.VisitErrors;

namespace Yibao.Domain.Lifecycles;

/// <summary>The states of a visit (<c>mdtrt_id</c>).</summary>
public enum VisitStatus
{
    /// <summary>Open: fees can be uploaded, withdrawn and settled.</summary>
    Registered,

    /// <summary>A payment order holds the visit's settlement until the person pays, or the order is let go.</summary>
    Paying,

    Settled,

    /// <summary>Withdrawn by the institution (2202); nothing more happens to it.</summary>
    Cancelled,
}

/// <summary>What can happen to a visit.</summary>
public enum VisitEvent
{
    /// <summary>Its settlement committed at once.</summary>
    Settle,

    /// <summary>A payment order holds its settlement.</summary>
    Hold,

    /// <summary>The held settlement was paid and committed.</summary>
    Commit,

    /// <summary>The held settlement was given back (order revoked or expired).</summary>
    Release,

    /// <summary>Its settlement was cancelled (2208): the visit can be corrected and settled again.</summary>
    Reopen,

    /// <summary>A cancelled settlement was restored (2601 of a 2208).</summary>
    Restore,

    /// <summary>The institution withdrew the visit (2202).</summary>
    Cancel,
}

/// <summary>The rules of a visit's life, as pure functions of its state.</summary>
public static class VisitLifecycle
{
    /// <summary>A newly registered visit's state.</summary>
    public static VisitStatus Initial => VisitStatus.Registered;

    /// <summary>The state after <paramref name="event"/>, or the refusal that leaves the visit as it is.</summary>
    public static Result<VisitStatus> Next(string mdtrtId, VisitStatus from, VisitEvent @event) => (from, @event) switch
    {
        (VisitStatus.Registered, VisitEvent.Settle or VisitEvent.Restore) => VisitStatus.Settled,
        (VisitStatus.Registered, VisitEvent.Hold) => VisitStatus.Paying,
        (VisitStatus.Registered, VisitEvent.Cancel) => VisitStatus.Cancelled,
        (VisitStatus.Paying, VisitEvent.Commit) => VisitStatus.Settled,
        (VisitStatus.Paying, VisitEvent.Release) => VisitStatus.Registered,
        (VisitStatus.Settled, VisitEvent.Reopen) => VisitStatus.Registered,
        (_, VisitEvent.Reopen) => NotSettled.With($"Visit {mdtrtId} is {from.ToName()}, not settled."),
        (_, VisitEvent.Commit or VisitEvent.Release) => NotPaying.With($"Visit {mdtrtId} is {from.ToName()}: no payment order holds its settlement."),
        (VisitStatus.Settled or VisitStatus.Paying, VisitEvent.Cancel) => Code(from).With($"Visit {mdtrtId} is {from.ToName()}: cancel its settlement (2208) first."),
        _ => NotOpen(mdtrtId, from) ?? throw new InvalidOperationException($"visit {mdtrtId}: {@event} is not a move from {from}"),
    };

    /// <summary>Null when the visit is open (its fees may change and it may settle); otherwise why not.</summary>
    public static DomainError? NotOpen(string mdtrtId, VisitStatus status) => status switch
    {
        VisitStatus.Registered => null,
        VisitStatus.Paying => AwaitingPayment.With($"Visit {mdtrtId} has a payment order waiting for the person: revoke it to change or settle the visit."),
        _ => Code(status).With($"Visit {mdtrtId} is {status.ToName()}."),
    };

    private static ErrorCode Code(VisitStatus status) => status switch
    {
        VisitStatus.Settled => AlreadySettled,
        VisitStatus.Paying => AwaitingPayment,
        _ => VisitCancelled,
    };

    public static string ToName(this VisitStatus status) => status switch
    {
        VisitStatus.Registered => "registered",
        VisitStatus.Paying => "paying",
        VisitStatus.Settled => "settled",
        VisitStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static VisitStatus ParseVisitStatus(string name) => name switch
    {
        "registered" => VisitStatus.Registered,
        "paying" => VisitStatus.Paying,
        "settled" => VisitStatus.Settled,
        "cancelled" => VisitStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a visit status"),
    };
}
