using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Interchange;
using Yibao.Storage;

namespace Yibao.Application.Reference;

/// <summary>
/// The built-in demo data set (a copy of <c>fixtures/world/</c>, its catalogues with the national marks and fee categories added): two areas, their policies and
/// catalogues, seven institutions and six persons covering every person type. <see cref="SeedDemoWorld"/> loads it.
/// </summary>
public static class DemoWorld
{
    /// <summary>Whether the demo data set has a document of this name.</summary>
    /// <summary>A demo person's social security card serial (<c>card_sn</c>): <c>SSC</c> + psn_no.</summary>
    public static string DemoCardSn(string psnNo) => "SSC" + psnNo;

    public static bool Has(string name) => typeof(DemoWorld).Assembly.GetManifestResourceInfo($"DemoData.{name}") is not null;

    public static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"DemoData.{name}")
            ?? throw new InvalidOperationException($"demo data {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The demo policies for the year they declare and, so that a demo works in any year, the same
    /// policies again for the current year when it differs. A real agency loads each year's policy.
    /// </summary>
    internal static IReadOnlyList<Domain.Policies.Policy> DemoPolicies(TimeProvider clock)
    {
        var declared = PolicyJson.ReadMany(Read("policies.json")).Value;
        var year = clock.GetUtcNow().Year;
        return declared
            .Concat(declared.Where(p => p.Year != year && !declared.Any(d => d.Area == p.Area && d.Insutype == p.Insutype && d.Year == year))
                .Select(p => new Domain.Policies.Policy(p.Area, p.Insutype, year, p.MaxRatio, p.Benefits.ToDictionary(), p.CrossRegion)))
            .ToList();
    }

    /// <summary>True when no reference data has been loaded yet (a fresh database).</summary>
    public static async Task<bool> IsEmptyAsync(YibaoDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return !await db.Areas.AnyAsync(cancellationToken);
    }
}
