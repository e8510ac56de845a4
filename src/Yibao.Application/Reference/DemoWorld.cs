using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Storage;

namespace Yibao.Application.Reference;

/// <summary>
/// The built-in demo data set (a copy of <c>fixtures/world/</c>): two areas, their policies and
/// catalogues, seven institutions and six persons covering every person type.
/// </summary>
public static class DemoWorld
{
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
    private static IReadOnlyList<Domain.Policies.Policy> DemoPolicies(TimeProvider clock)
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

    /// <summary>
    /// Loads (or reloads) the demo world in one transaction, with the demo institutions' gateway
    /// credentials (paasid = fixmedins_code, token = "demo-" + fixmedins_code).
    /// </summary>
    public static async Task<Result<string>> LoadAsync(YibaoDbContext db, TimeProvider clock, CredentialProtector protector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var writer = new ReferenceDataWriter(db, clock, "seed");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        await writer.UpsertAreasAsync(WorldJson.ReadAreas(Read("areas.json")).Value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var policies = await writer.UpsertPoliciesAsync(DemoPolicies(clock), cancellationToken);
        var catalogues = 0;
        foreach (var area in await db.Areas.Select(a => a.Admdvs).ToListAsync(cancellationToken))
        {
            var name = $"catalogue-{area}.json";
            if (typeof(DemoWorld).Assembly.GetManifestResourceInfo($"DemoData.{name}") is null)
            {
                continue;
            }

            var published = await writer.PublishCatalogueAsync(area, CatalogueJson.ReadEntries(Read(name)).Value.ToList(), cancellationToken);
            if (!published.IsSuccess)
            {
                return published.Error;
            }

            catalogues++;
        }

        foreach (var area in await db.Areas.Select(a => a.Admdvs).ToListAsync(cancellationToken))
        {
            if (typeof(DemoWorld).Assembly.GetManifestResourceInfo($"DemoData.internet-plus-prices-{area}.json") is not null)
            {
                var prices = await writer.UpsertPriceListAsync(Read($"internet-plus-prices-{area}.json"), cancellationToken);
                if (!prices.IsSuccess)
                {
                    return prices.Error;
                }
            }
        }

        var institutions = await writer.UpsertInstitutionsAsync(WorldJson.ReadInstitutions(Read("institutions.json")).Value, cancellationToken);
        var persons = await writer.UpsertPersonsAsync(WorldJson.ReadPersons(Read("persons.json")).Value, cancellationToken);
        foreach (var step in new[] { policies, institutions, persons })
        {
            if (!step.IsSuccess)
            {
                return step.Error;
            }
        }

        // The demo internet hospitals are designated under supplementary agreements for all three services, any disease.
        var designations = new Application.Designation.Designations(db, clock, "seed");
        foreach (var internet in WorldJson.ReadInstitutions(Read("institutions.json")).Value.Where(i => i.Kind == Domain.Codes.InstitutionKind.Internet))
        {
            if (await Application.Designation.Designations.CurrentAgreementAsync(db, internet.FixmedinsCode, cancellationToken) is null)
            {
                var signed = await designations.SignAsync(internet.FixmedinsCode, new DateOnly(2026, 1, 1), null, Enum.GetValues<Domain.Designation.OnlineService>(), [], cancellationToken);
                if (!signed.IsSuccess)
                {
                    return signed.Error;
                }
            }
        }

        await new Credentials.GatewayCredentials(db, protector, clock).AddDemoCredentialsAsync(
            WorldJson.ReadInstitutions(Read("institutions.json")).Value.Select(i => i.FixmedinsCode), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return $"{policies.Value} policies, {catalogues} catalogues, {institutions.Value} institutions, {persons.Value} persons";
    }
}
