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

/// <summary>
/// A catalogue file uploaded in the console, imported in the background: the file itself until it
/// is imported, its progress while it runs, then the version it published or why it did not.
/// </summary>
public sealed class CatalogueImportRow
{
    public long Id { get; set; }
    public required string Area { get; set; }
    public required string FileName { get; set; }

    /// <summary>Import the good records and list the bad ones; otherwise one bad record imports nothing.</summary>
    public bool SkipBad { get; set; }

    /// <summary>queued, running, done or failed.</summary>
    public required string Status { get; set; }

    /// <summary>The file's bytes, and how many have been read.</summary>
    public long Total { get; set; }

    public long Processed { get; set; }

    public int Records { get; set; }

    /// <summary>The bad records (line and reason, the first hundred) or the refusal.</summary>
    public string? Problems { get; set; }

    public int BadRecords { get; set; }

    public int? Version { get; set; }

    /// <summary>The uploaded file; emptied once imported.</summary>
    public byte[]? Content { get; set; }

    public required string StartedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
