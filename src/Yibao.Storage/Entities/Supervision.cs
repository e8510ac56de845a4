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

    /// <summary>After the event: the month the batch judged (yyyy-MM), and the finding's identity within it (rule, claim or subject, evidence; SHA-256), so that a rerun raises nothing twice; its <c>jr_id</c> is made of the key, and that id's unique index guards it.</summary>
    public string? Period { get; set; }
    public string? FindingKey { get; set; }

    /// <summary>The caller's <c>task_id</c> (3101, 3102).</summary>
    public string? TaskId { get; set; }

    /// <summary>The doctor's decision on a warning (3103): 1 go on, 2 go back and change; with the reason for going on.</summary>
    public string? DspoWay { get; set; }
    public string? DspoWayRea { get; set; }
    public DateTimeOffset? DspoAt { get; set; }

    /// <summary>After the event: the finding's step of review (<c>first_review</c> … <c>closed</c>); null for a warning before or during the event.</summary>
    public string? ReviewStep { get; set; }

    /// <summary>The last day (agency calendar) of the step's time limit.</summary>
    public DateOnly? ReviewDue { get; set; }

    public string? FirstReviewer { get; set; }

    /// <summary>The day the finding, confirmed twice, was put to the institution: from then on it is the institution's to see and answer.</summary>
    public DateOnly? NotifiedOn { get; set; }

    /// <summary>Once closed: <c>no_violation</c>, <c>deduction</c> or <c>suspension</c>, and the amount clawed back.</summary>
    public string? Outcome { get; set; }

    public decimal Deducted { get; set; }

    /// <summary>Bumped by each move of the review, so that of two reviewers acting at once one wins.</summary>
    public int Version { get; set; }
}

/// <summary>One move in a finding's review, kept for its history: the step it was made at, by whom, with what opinion, and whether it was late.</summary>
public sealed class SupervisionReviewRow
{
    public long Id { get; set; }
    public long FindingId { get; set; }
    public required string JrId { get; set; }
    public required string Step { get; set; }
    public required string Action { get; set; }

    /// <summary>A staff member's user name, or the institution's code.</summary>
    public required string Actor { get; set; }

    public required string Opinion { get; set; }
    public string? Decision { get; set; }
    public decimal? Amount { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The step's last day, and whether the move came after it.</summary>
    public DateOnly Due { get; set; }

    public bool Late { get; set; }
}

/// <summary>An amount to claw back from an institution at the next clearing, decided on a finding.</summary>
public sealed class DeductionRow
{
    public long Id { get; set; }
    public required string FixmedinsCode { get; set; }
    public required string JrId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly DecidedOn { get; set; }
    public required string DecidedBy { get; set; }

    /// <summary>The clearing month (yyyy-MM) that clawed it back; null until then.</summary>
    public string? ClearedIn { get; set; }
}

/// <summary>One after-event run: the month it judged, with which rules (empty: all enabled), who started it, when it finished and what it raised.</summary>
public sealed class SupervisionRunRow
{
    public long Id { get; set; }
    public required string Period { get; set; }
    public required string Rules { get; set; }

    /// <summary>A staff member, <c>cli</c>, or <c>scheduler</c>.</summary>
    public required string Actor { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long Claims { get; set; }
    public int Raised { get; set; }
    public int AlreadyRaised { get; set; }
}
