namespace Yibao.Application.Federation;

/// <summary>
/// <c>Yibao:Federation</c>: what this process is in a federation of provincial nodes. With no role
/// (the default) one process serves every area of its data set, as a single node always has.
/// </summary>
public sealed class FederationOptions
{
    public const string NodeRole = "node";
    public const string HubRole = "hub";

    /// <summary><c>node</c>, <c>hub</c>, or empty for a single process.</summary>
    public string Role { get; set; } = "";

    /// <summary>This node's id in the hub's directory (the hub's own is <c>hub</c>).</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The areas (admdvs) a node serves, comma-separated: people insured elsewhere settle through the hub.</summary>
    public string Areas { get; set; } = "";

    /// <summary>How long one call to the hub (or through it) may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>How many times a failed call is sent, with the same message id, before the node is declared unavailable.</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>An entry applied for a treatment node is resolved by asking it, once it is this old.</summary>
    public int ResolveAfterSeconds { get; set; } = 30;

    /// <summary>How often the insured node's reconciler looks for entries to resolve (0: never, e.g. in tests that run it themselves).</summary>
    public int ReconcileEverySeconds { get; set; } = 10;

    /// <summary>How far a signed request's time may be from this process's clock.</summary>
    public int ClockSkewSeconds { get; set; } = 300;

    /// <summary>How long a peer's previous key still verifies after it rotated.</summary>
    public int KeyGraceMinutes { get; set; } = 10;

    public bool IsNode => Role == NodeRole;

    public bool IsHub => Role == HubRole;

    public IReadOnlyList<string> ServedAreas => Areas.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether people insured in <paramref name="area"/> are this process's: always, unless it is a node serving other areas.</summary>
    public bool Serves(string area) => !IsNode || ServedAreas.Contains(area);
}
