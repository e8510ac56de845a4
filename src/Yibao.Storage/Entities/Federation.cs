namespace Yibao.Storage.Entities;

/// <summary>One of this process's own federation signing keys (SM2): the newest unretired one signs.</summary>
public sealed class FederationKeyRow
{
    public required string KeyId { get; set; }

    /// <summary>The private key, encrypted under the credential key.</summary>
    public required string PrivateKey { get; set; }

    /// <summary>The public key, uncompressed point in hex, as peers register it.</summary>
    public required string PublicKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>
/// A peer this process trusts: at the hub, a node of the directory with the areas it serves; at a
/// node, the hub. Its current key verifies, and its previous one still does for a grace period after
/// a rotation, so that messages signed just before it are not lost.
/// </summary>
public sealed class FederationPeerRow
{
    public required string PeerId { get; set; }
    public required string BaseUrl { get; set; }

    /// <summary>The areas (admdvs) the node serves, comma-separated; empty for the hub.</summary>
    public required string Areas { get; set; }

    public required string PublicKey { get; set; }
    public string? PreviousPublicKey { get; set; }
    public DateTimeOffset? RotatedAt { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>
/// The treatment node's decision on a message it sent to an insured node (a settlement's phase 2,
/// its cancellation, its restoration): the row commits with the local change, so its presence
/// after commit says the message took effect, and its absence (or <c>aborted</c>) that it did not.
/// The insured node's reconciler asks for these decisions.
/// </summary>
public sealed class FederationDecisionRow
{
    public required string MsgId { get; set; }

    /// <summary><c>settle</c>, <c>cancel</c> or <c>restore</c>.</summary>
    public required string Kind { get; set; }

    public required string SetlId { get; set; }

    /// <summary>The insured area the message went to (the hub knows its node).</summary>
    public required string InsuredArea { get; set; }

    /// <summary><c>committed</c>, or <c>aborted</c> when asked about before (or instead of) committing.</summary>
    public required string Status { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>
/// The insured node's record of a message from a treatment node, applied to the person's ledger in
/// the same transaction: what was taken or given back, and the answer sent, so a retry of the message
/// gets the same answer and nothing is applied twice. <c>applied</c> until the treatment node's
/// decision is known, then <c>committed</c> or <c>aborted</c> (the change undone).
/// </summary>
public sealed class FederationEntryRow
{
    /// <summary>The order entries were applied in (a settlement's cancellation and restoration follow it).</summary>
    public long Id { get; set; }

    public required string MsgId { get; set; }

    /// <summary><c>settle</c>, <c>cancel</c> or <c>restore</c>.</summary>
    public required string Kind { get; set; }

    public required string SetlId { get; set; }
    public required string TreatmentNode { get; set; }
    public required string PsnNo { get; set; }
    public required string InsuredArea { get; set; }
    public required string TreatmentArea { get; set; }
    public required string FixmedinsCode { get; set; }
    public int Year { get; set; }
    public required string BenefitKind { get; set; }
    public decimal MedfeeSumamt { get; set; }
    public decimal FundPaySumamt { get; set; }
    public decimal AcctPay { get; set; }
    public decimal DeductibleDelta { get; set; }
    public decimal FundDelta { get; set; }

    /// <summary>The answer sent, as JSON.</summary>
    public required string Answer { get; set; }

    public required string Status { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>
/// The hub's journal of the settlement messages it routed and their outcome: <c>applied</c> when the
/// insured node answered, then <c>committed</c> or <c>aborted</c> as the treatment node's decision,
/// relayed by the hub, says. Clearing at the hub sums the committed ones: what both sides kept.
/// </summary>
public sealed class HubJournalRow
{
    public required string MsgId { get; set; }

    /// <summary><c>settle</c>, <c>cancel</c> or <c>restore</c>.</summary>
    public required string Kind { get; set; }

    public required string SetlId { get; set; }
    public required string TreatmentNode { get; set; }
    public required string InsuredArea { get; set; }
    public required string TreatmentArea { get; set; }
    public required string FixmedinsCode { get; set; }
    public decimal MedfeeSumamt { get; set; }
    public decimal FundPaySumamt { get; set; }
    public decimal AcctPay { get; set; }
    public decimal PsnCashPay { get; set; }

    /// <summary>The agency's date the hub routed it on: the month it is cleared in.</summary>
    public DateOnly RoutedDate { get; set; }

    public DateTimeOffset RoutedAt { get; set; }
    public required string Status { get; set; }
}
