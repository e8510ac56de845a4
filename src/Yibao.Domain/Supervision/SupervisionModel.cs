namespace Yibao.Domain.Supervision;

/// <summary>The three families of the national rule base.</summary>
public enum RuleFamily
{
    Policy,
    Management,
    Medical,
}

/// <summary>When a rule runs: before the event (order entry), during it (pre-settlement, settlement), after it (over settled claims).</summary>
[Flags]
public enum RuleStage
{
    Before = 1,
    During = 2,
    After = 4,
}

/// <summary>The scenes a rule applies to.</summary>
[Flags]
public enum Scene
{
    Outpatient = 1,
    Inpatient = 2,
    Pharmacy = 4,
    Internet = 8,
    CrossRegion = 16,
    Any = Outpatient | Inpatient | Pharmacy | Internet | CrossRegion,
}

/// <summary>How grave a finding is (<c>sev_deg</c>): 1 a clear violation, 2 highly suspect, 3 a reminder.</summary>
public enum Severity
{
    Violation = 1,
    Suspect = 2,
    Reminder = 3,
}

/// <summary>The insured person's standing.</summary>
public enum InsuredStatus
{
    Active,
    Suspended,
    Ended,
    Deceased,
}

/// <summary>A line of the claim, as the rules read it: what, how much, when, by whom, and for how many days.</summary>
/// <param name="Id">The line's identity within the claim (<c>feedetl_sn</c>, <c>rx_id</c>): what a finding names as evidence.</param>
/// <param name="Days">Days of medication the line covers, when known (a prescription's <c>medcDays</c>).</param>
/// <param name="DailyDose">Units a day, when known.</param>
/// <param name="Claim">The claim (<c>mdtrt_id</c>) the line is on, where a finding's evidence may span claims (after the event).</param>
public sealed record SupervisedLine(
    string Id,
    string Code,
    string Name,
    decimal Price,
    decimal Qty,
    decimal Amount,
    DateOnly Date,
    string? DoctorCode = null,
    string? Rxno = null,
    int? Days = null,
    decimal? DailyDose = null,
    string? Claim = null)
{
    /// <summary>
    /// How a finding names the line as evidence: its <see cref="Id"/>, or <c>claim/id</c> when it has a
    /// <see cref="Claim"/>. Made when a rule fires, not for every line read: a month has millions.
    /// </summary>
    public string EvidenceId => Claim is null ? Id : Claim + "/" + Id;
}

/// <summary>
/// One claim (an encounter and its lines) as the rules see it: the patient, the institution, the
/// visit and its diagnoses (ICD-10), and who proved to be the patient.
/// </summary>
public sealed record SupervisedClaim
{
    public required string MdtrtId { get; init; }
    public required string PsnNo { get; init; }

    /// <summary>1 male, 2 female (GB/T 2261.1).</summary>
    public required string Gender { get; init; }

    public required DateOnly Birthday { get; init; }
    public required string Insutype { get; init; }

    /// <summary>The insured area, whose knowledge and settings judge the claim (after the event, when claims of several areas pass).</summary>
    public string? InsuredArea { get; init; }

    public InsuredStatus Status { get; init; } = InsuredStatus.Active;
    public required string FixmedinsCode { get; init; }

    /// <summary>The institution's own level (1–3); an internet hospital's physical institution's level is its effective one.</summary>
    public required int Level { get; init; }

    public required Scene Scene { get; init; }
    public required string MedType { get; init; }
    public bool Online { get; init; }
    public bool FirstVisit { get; init; }
    public required DateOnly Date { get; init; }

    /// <summary>Admission and discharge, for an inpatient claim.</summary>
    public DateOnly? Admitted { get; init; }
    public DateOnly? Discharged { get; init; }

    public IReadOnlyList<string> Diagnoses { get; init; } = [];

    /// <summary>The patient's chronic-disease registrations (ICD-10 categories).</summary>
    public IReadOnlyList<string> ChronicDiseases { get; init; } = [];

    /// <summary>Whose certificate identified the patient (the token's person), when one did.</summary>
    public string? ProvedPsnNo { get; init; }

    public required IReadOnlyList<SupervisedLine> Lines { get; init; }

    public int AgeOn(DateOnly day) => day.Year - Birthday.Year - (day < Birthday.AddYears(day.Year - Birthday.Year) ? 1 : 0);
}

/// <summary>A fraud or tamper refusal the prescription platform recorded on a prescription (its events).</summary>
public sealed record PrescriptionFraud(string HiRxno, string Code, string Actor, DateTimeOffset At, string? Detail);

/// <summary>
/// The patient's earlier settled claims in the window the rules look back over (not cancelled), and
/// the fraud refusals recorded on the prescriptions the claim dispenses.
/// </summary>
public sealed record ClaimHistory(IReadOnlyList<SupervisedClaim> Claims)
{
    public static ClaimHistory None { get; } = new([]);

    public IReadOnlyList<PrescriptionFraud> PrescriptionFraud { get; init; } = [];
}

/// <summary>
/// A suspected violation, explained: the rule that fired, its content, the parameters in force, the
/// evidence lines and the amount at stake (<c>vola_amt</c>). There is no finding without a rule.
/// </summary>
/// <param name="Subject">For a statistical rule, whom it is about (<c>doctor:D001</c>, <c>institution:H…</c>); its claim fields are then empty.</param>
public sealed record Finding(
    string RuleId,
    string RuleName,
    Severity Severity,
    bool Blocking,
    string MdtrtId,
    string PsnNo,
    string Content,
    decimal Amount,
    IReadOnlyList<string> EvidenceLines,
    IReadOnlyDictionary<string, string> Parameters,
    string? Subject = null);

/// <summary>What a rule is: its id, family, stages, scenes, severity, whether it blocks a settlement, its parameters' defaults and its explanation.</summary>
public sealed record RuleDefinition(
    string Id,
    string Name,
    RuleFamily Family,
    RuleStage Stages,
    Scene Scenes,
    Severity Severity,
    bool Blocking,
    IReadOnlyDictionary<string, string> Parameters,
    string Explanation);
