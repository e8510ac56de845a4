namespace Yibao.Application;

/// <summary>The <c>Yibao</c> configuration section.</summary>
public sealed class YibaoOptions
{
    /// <summary>The agency's offset from UTC: its days bound visit dates, policy years and daily totals.</summary>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Load the built-in demo data set on first start when the database is empty.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>With the demo data, months of generated settlements (<see cref="Reference.SeedDemoHistory"/>); 0 is none. <c>dotnet run</c> (launchSettings) asks for 3.</summary>
    public int DemoHistoryMonths { get; set; }

    /// <summary>Requests per second each institution credential may make of the native API (a token bucket of twice that).</summary>
    public int InstitutionRequestsPerSecond { get; set; } = 500;

    /// <summary>Sign-in attempts (staff and phone) per minute from one client address.</summary>
    public int SignInsPerMinute { get; set; } = 20;

    /// <summary>One institution request in this many also forgets expired nonces (0: never, e.g. where round trips are counted).</summary>
    public int NonceSweepOneIn { get; set; } = 100;

    /// <summary>How far back an offline visit for the same diagnosis makes an online visit a follow-up.</summary>
    public int FollowUpWindowMonths { get; set; } = Domain.Designation.OnlineFollowUp.DefaultWindowMonths;

    /// <summary>Where the installation keeps its SQLite database and key file; see <see cref="Installation.DefaultDataDirectory"/>.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>32-byte key (base64) that encrypts gateway tokens at rest; when empty, <c>credential.key</c> in the data directory is used (and created).</summary>
    public string CredentialKey { get; set; } = "";

    /// <summary>How long a payment order waits for the person to confirm and pay before it expires and lets go of its hold.</summary>
    public int PaymentOrderTimeoutMinutes { get; set; } = Domain.Payments.PaymentOrders.DefaultTimeoutMinutes;

    /// <summary>How often the sweep looks for payment orders past their time (0: no sweep; orders expire when touched).</summary>
    public int PaymentSweepSeconds { get; set; } = 30;

    /// <summary>The most days a prescription may be valid (<c>valiDays</c>), by area code; an area not named allows <see cref="Domain.Prescriptions.PrescriptionReview.DefaultMaxValidityDays"/>.</summary>
    public Dictionary<string, int> PrescriptionValidityDays { get; } = new(StringComparer.Ordinal);

    /// <summary>Supervision: the review's time limits, the monthly after-event run.</summary>
    public Supervision.SupervisionOptions Supervision { get; } = new();

    /// <summary>Clearing: the thresholds of advance funds.</summary>
    public Clearing.ClearingOptions Clearing { get; } = new();

    /// <summary>Federation: whether this process is a node of several, or the hub, and how it calls its peers.</summary>
    public Federation.FederationOptions Federation { get; } = new();
}
