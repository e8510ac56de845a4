namespace Yibao.Storage.Entities;

/// <summary>
/// A what-if run: a policy draft re-settling a past period. Its progress is written while it runs,
/// so that any server process can show it; its report is kept, so that it can be read and exported later.
/// </summary>
public sealed class SimulationRunRow
{
    public long Id { get; set; }
    public long DraftId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    /// <summary>queued, running, done or failed.</summary>
    public required string Status { get; set; }

    /// <summary>The settlements to re-settle (the draft's year, up to the period's end), counted when the run starts.</summary>
    public long Total { get; set; }

    public long Processed { get; set; }

    /// <summary>The report (JSON), once done; the failure's reason when failed.</summary>
    public string? Report { get; set; }

    public required string StartedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
