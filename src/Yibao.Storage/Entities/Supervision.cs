namespace Yibao.Storage.Entities;

/// <summary>A version of an area's supervision knowledge and rule settings (the JSON document, kept whole, as a catalogue's version is).</summary>
public sealed class SupervisionKnowledgeRow
{
    public long Id { get; set; }
    public required string Area { get; set; }
    public int Version { get; set; }
    public required string Document { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
    public required string LoadedBy { get; set; }
}

/// <summary>
/// A finding of a supervision rule, explained: the rule, the stage and claim it was found on, the
/// content, the amount at stake, the evidence lines and the parameters in force (JSON).
/// </summary>
public sealed class SupervisionFindingRow
{
    public long Id { get; set; }

    /// <summary><c>jr_id</c>: the finding's public id, by which a doctor answers it (3103) and a reviewer finds it.</summary>
    public required string JrId { get; set; }

    /// <summary>before, during or after.</summary>
    public required string Stage { get; set; }

    public required string RuleId { get; set; }
    public required string RuleName { get; set; }

    /// <summary><c>sev_deg</c>: 1 violation, 2 suspect, 3 reminder.</summary>
    public int Severity { get; set; }

    public bool Blocking { get; set; }
    public string? MdtrtId { get; set; }
    public string? SetlId { get; set; }
    public string? PsnNo { get; set; }
    public string? FixmedinsCode { get; set; }

    /// <summary>A statistical finding's doctor or institution.</summary>
    public string? Subject { get; set; }

    public required string Content { get; set; }
    public decimal Amount { get; set; }
    public required string Evidence { get; set; }
    public required string Parameters { get; set; }
    public DateTimeOffset FoundAt { get; set; }

    /// <summary>After the event: the month the batch judged (yyyy-MM), and the finding's identity within it (rule, claim or subject, evidence; SHA-256), so that a rerun raises nothing twice.</summary>
    public string? Period { get; set; }
    public string? FindingKey { get; set; }

    /// <summary>The caller's <c>task_id</c> (3101, 3102).</summary>
    public string? TaskId { get; set; }

    /// <summary>The doctor's decision on a warning (3103): 1 go on, 2 go back and change; with the reason for going on.</summary>
    public string? DspoWay { get; set; }
    public string? DspoWayRea { get; set; }
    public DateTimeOffset? DspoAt { get; set; }
}
