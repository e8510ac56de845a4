namespace Yibao.Application.Staff;

/// <summary>
/// The agency's staff roles. <see cref="Admin"/> may do everything the others may; each other role
/// is one desk of the agency.
/// </summary>
public static class StaffRoles
{
    /// <summary>Everything, including staff accounts and insured persons' records.</summary>
    public const string Admin = "admin";

    /// <summary>Policies, catalogues, price lists.</summary>
    public const string Policy = "policy";

    /// <summary>Institutions, agreements, designation.</summary>
    public const string Designation = "designation";

    /// <summary>Supervision; read-only over settlements and the records of who read personal data.</summary>
    public const string Audit = "audit";

    /// <summary>Finance: clearing and advance funds.</summary>
    public const string Clearing = "clearing";

    public static IReadOnlyList<string> All { get; } = [Admin, Policy, Designation, Audit, Clearing];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>Identity's normalized form (its default normalizer upper-cases invariantly).</summary>
    internal static string Normalize(string name) => name.ToUpperInvariant();
}
