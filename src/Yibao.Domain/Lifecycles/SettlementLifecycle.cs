using static Yibao.Domain.Settlement.SettlementErrors;

namespace Yibao.Domain.Lifecycles;

/// <summary>The states of a settlement (<c>setl_id</c>).</summary>
public enum SettlementStatus
{
    /// <summary>Held by a payment order: the person's money is taken, the settlement not yet committed.</summary>
    Pending,

    Settled,

    Cancelled,

    /// <summary>A pending settlement whose order was revoked or expired: what it held was given back.</summary>
    Released,
}

/// <summary>What can happen to a settlement.</summary>
public enum SettlementEvent
{
    /// <summary>The held settlement was paid: it becomes the settlement.</summary>
    Commit,

    /// <summary>The held settlement was let go.</summary>
    Release,

    /// <summary>Cancelled (2208): what it took is given back.</summary>
    Cancel,

    /// <summary>Its cancellation reversed (2601 of a 2208).</summary>
    Restore,
}

/// <summary>The rules of a settlement's life, as pure functions of its state.</summary>
public static class SettlementLifecycle
{
    /// <summary>A new settlement's state: committed at once, or held for a payment order.</summary>
    public static SettlementStatus Initial(bool held) => held ? SettlementStatus.Pending : SettlementStatus.Settled;

    /// <summary>The state after <paramref name="event"/>, or the refusal that leaves the settlement as it is.</summary>
    public static Result<SettlementStatus> Next(string setlId, SettlementStatus from, SettlementEvent @event) => (from, @event) switch
    {
        (SettlementStatus.Pending, SettlementEvent.Commit) => SettlementStatus.Settled,
        (SettlementStatus.Pending, SettlementEvent.Release) => SettlementStatus.Released,
        (SettlementStatus.Settled, SettlementEvent.Cancel) => SettlementStatus.Cancelled,
        (SettlementStatus.Cancelled, SettlementEvent.Restore) => SettlementStatus.Settled,
        (SettlementStatus.Pending or SettlementStatus.Released, SettlementEvent.Cancel) =>
            NotCommitted.With($"Settlement {setlId} belongs to a payment order and was never committed: revoke the order instead."),
        (_, SettlementEvent.Cancel) => AlreadyCancelled.With($"Settlement {setlId} is already cancelled."),
        (_, SettlementEvent.Restore) => NotCancelled.With($"Settlement {setlId} is not cancelled."),
        _ => NotPending.With($"Settlement {setlId} is {from.ToName()}, not held by a payment order."),
    };

    /// <summary>Whether the settlement's effects stand on the person's ledger (settled, or held).</summary>
    public static bool Stands(SettlementStatus status) => status is SettlementStatus.Settled or SettlementStatus.Pending;

    public static string ToName(this SettlementStatus status) => status switch
    {
        SettlementStatus.Pending => "pending",
        SettlementStatus.Settled => "settled",
        SettlementStatus.Cancelled => "cancelled",
        SettlementStatus.Released => "released",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static SettlementStatus ParseSettlementStatus(string name) => name switch
    {
        "pending" => SettlementStatus.Pending,
        "settled" => SettlementStatus.Settled,
        "cancelled" => SettlementStatus.Cancelled,
        "released" => SettlementStatus.Released,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a settlement status"),
    };
}
