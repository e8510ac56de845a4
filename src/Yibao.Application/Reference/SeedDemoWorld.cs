using Microsoft.EntityFrameworkCore;
using Yibao.Application.Designation;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Domain.Interchange;
using Yibao.Storage;

namespace Yibao.Application.Reference;

/// <summary>
/// Loads (or reloads) the demo world in one transaction, through the same use cases as the agency's
/// own loads, with the demo institutions' gateway credentials (paasid = fixmedins_code, token =
/// "demo-" + fixmedins_code), Internet+ agreements for the demo internet hospitals, and one demo
/// staff account per role (<see cref="Staff.DemoStaff"/>).
/// </summary>
public sealed record SeedDemoWorld;

public sealed class SeedDemoWorldHandler(
    YibaoDbContext db,
    LoadAreasHandler areas,
    LoadPoliciesHandler policies,
    PublishCatalogueHandler catalogues,
    LoadPriceListHandler prices,
    LoadInstitutionsHandler institutions,
    ImportPersonsHandler persons,
    SignInternetAgreementHandler agreements,
    CredentialProtector protector,
    Microsoft.Extensions.Options.IOptions<YibaoOptions> options,
    TimeProvider clock)
{
    private const string Actor = "seed";

    /// <summary>A summary of what was loaded.</summary>
    public async Task<Result<string>> HandleAsync(SeedDemoWorld command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var loaded = await LoadAsync(ct);
        if (!loaded.IsSuccess)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return loaded.Error;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return loaded;
    }

    private async Task<Result<string>> LoadAsync(CancellationToken ct)
    {
        await areas.HandleAsync(new LoadAreas(WorldJson.ReadAreas(DemoWorld.Read("areas.json")).Value, Actor), ct);
        await db.SaveChangesAsync(ct);
        var loadedPolicies = await policies.HandleAsync(new LoadPolicies(DemoWorld.DemoPolicies(clock), Actor), ct);
        if (!loadedPolicies.IsSuccess)
        {
            return loadedPolicies.Error;
        }

        var published = 0;
        foreach (var area in await db.Areas.Select(a => a.Admdvs).ToListAsync(ct))
        {
            if (DemoWorld.Has($"catalogue-{area}.json"))
            {
                var version = await catalogues.HandleAsync(new PublishCatalogue(area, CatalogueJson.ReadEntries(DemoWorld.Read($"catalogue-{area}.json")).Value.ToList(), Actor), ct);
                if (!version.IsSuccess)
                {
                    return version.Error;
                }

                published++;
            }

            if (DemoWorld.Has($"internet-plus-prices-{area}.json") && await prices.HandleAsync(new LoadPriceList(DemoWorld.Read($"internet-plus-prices-{area}.json"), Actor), ct) is { IsSuccess: false } priced)
            {
                return priced.Error;
            }
        }

        // A node of a federation holds its own areas' institutions and insured people; the hub holds neither.
        var federation = options.Value.Federation;
        bool Here(string area) => !federation.IsHub && federation.Serves(area);
        var demoInstitutions = WorldJson.ReadInstitutions(DemoWorld.Read("institutions.json")).Value.Where(i => Here(i.Area)).ToList();
        var loadedInstitutions = await institutions.HandleAsync(new LoadInstitutions(demoInstitutions, Actor), ct);
        if (!loadedInstitutions.IsSuccess)
        {
            return loadedInstitutions.Error;
        }

        var loadedPersons = await persons.HandleAsync(new ImportPersons(PersonFiles.FromDocument(WorldJson.ReadPersons(DemoWorld.Read("persons.json")).Value.Where(p => Here(p.Area)).Select(p => p with { CardSn = p.CardSn ?? DemoWorld.DemoCardSn(p.PsnNo) })), ReplaceRegistrations: true, SkipBad: false, Actor), ct);
        if (!loadedPersons.IsSuccess)
        {
            return loadedPersons.Error;
        }

        // The demo internet hospitals are designated under supplementary agreements for all three services, any disease.
        foreach (var internet in demoInstitutions.Where(i => i.Kind == InstitutionKind.Internet))
        {
            if (await Designations.CurrentAgreementAsync(db, internet.FixmedinsCode, ct) is null
                && await agreements.HandleAsync(new SignInternetAgreement(internet.FixmedinsCode, new DateOnly(2026, 1, 1), null, Enum.GetValues<OnlineService>(), [], Actor), ct) is { IsSuccess: false } unsigned)
            {
                return unsigned.Error;
            }
        }

        await Credentials.Credentials.AddDemoAsync(db, protector, demoInstitutions.Select(i => i.FixmedinsCode), clock.GetUtcNow(), ct);
        await Staff.DemoStaff.AddAsync(db, clock.GetUtcNow(), ct);
        return $"{loadedPolicies.Value} policies, {published} catalogues, {loadedInstitutions.Value} institutions, {loadedPersons.Value.Imported} persons, {Staff.StaffRoles.All.Count} demo staff accounts";
    }
}
