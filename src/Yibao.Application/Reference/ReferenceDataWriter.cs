using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Domain.Policies;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Application.Reference;

/// <summary>
/// Loads and replaces the agency's reference data: areas, policies, catalogues, institutions and
/// persons. Each call stages its changes and an audit entry; the caller saves them in one transaction.
/// </summary>
public sealed class ReferenceDataWriter(YibaoDbContext db, TimeProvider clock, string actor)
{
    public async Task UpsertAreasAsync(IEnumerable<Area> areas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(areas);
        foreach (var area in areas)
        {
            var row = await db.Areas.FindAsync([area.Admdvs], cancellationToken);
            if (row is null)
            {
                db.Areas.Add(new AreaRow { Admdvs = area.Admdvs, Name = area.Name, Province = area.Province });
            }
            else
            {
                row.Name = area.Name;
                row.Province = area.Province;
            }

            db.Record(clock.GetUtcNow(), actor, "area.upsert", "area", area.Admdvs);
        }
    }

    /// <summary>Loads or replaces each policy; a replacement bumps the revision, history stays in the audit log.</summary>
    public async Task<Result<int>> UpsertPoliciesAsync(IEnumerable<Policy> policies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var count = 0;
        foreach (var policy in policies)
        {
            if (!await AreaExistsAsync(policy.Area, cancellationToken))
            {
                return ReferenceErrors.UnknownArea(policy.Area);
            }

            var document = PolicyJson.Write(policy);
            var row = await db.Policies.FindAsync([policy.Area, policy.Insutype, policy.Year], cancellationToken);
            if (row is null)
            {
                db.Policies.Add(row = new PolicyRow { Area = policy.Area, Insutype = policy.Insutype, Year = policy.Year, Revision = 1, Document = document, LoadedAt = clock.GetUtcNow() });
            }
            else
            {
                row.Revision++;
                row.Document = document;
                row.LoadedAt = clock.GetUtcNow();
            }

            db.Record(clock.GetUtcNow(), actor, "policy.upsert", "policy", $"{policy.Area}/{policy.Insutype}/{policy.Year}", $"revision {row.Revision}");
            count++;
        }

        return count;
    }

    /// <summary>Loads or replaces an area's Internet+ price list (the document is kept whole).</summary>
    public async Task<Result<int>> UpsertPriceListAsync(string document, CancellationToken cancellationToken)
    {
        var list = Domain.Pricing.PriceListJson.Read(document);
        if (!list.IsSuccess)
        {
            return list.Error;
        }

        var area = list.Value.Area;
        if (!await AreaExistsAsync(area, cancellationToken))
        {
            return ReferenceErrors.UnknownArea(area);
        }

        var row = await db.PriceLists.FindAsync([area], cancellationToken);
        if (row is null)
        {
            db.PriceLists.Add(row = new PriceListRow { Area = area, Revision = 0, Document = document });
        }

        row.Revision++;
        row.Document = document;
        row.LoadedAt = clock.GetUtcNow();
        db.Record(clock.GetUtcNow(), actor, "prices.upsert", "price_list", area, $"revision {row.Revision}");
        return row.Revision;
    }

    /// <summary>Publishes a new version of an area's catalogue; earlier versions stay for the settlements that used them.</summary>
    public async Task<Result<int>> PublishCatalogueAsync(string area, IReadOnlyCollection<CatalogueEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!await AreaExistsAsync(area, cancellationToken))
        {
            return ReferenceErrors.UnknownArea(area);
        }

        var latest = await db.CatalogueVersions.Where(v => v.Area == area).MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
        var version = new CatalogueVersionRow { Area = area, Version = latest + 1, LoadedAt = clock.GetUtcNow() };
        version.Entries.AddRange(new Catalogue(entries).Entries.Select(e => e.ToRow(0)));
        db.CatalogueVersions.Add(version);
        db.Record(clock.GetUtcNow(), actor, "catalogue.publish", "catalogue", $"{area}/{version.Version}", $"{version.Entries.Count} entries");
        return version.Version;
    }

    /// <summary>Loads or replaces institutions; an internet hospital must rely on a physical institution.</summary>
    public async Task<Result<int>> UpsertInstitutionsAsync(IReadOnlyCollection<Institution> institutions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(institutions);
        var batch = institutions.ToDictionary(i => i.FixmedinsCode, StringComparer.Ordinal);

        // Physical institutions first, so that internet hospitals in the same batch find them.
        foreach (var institution in institutions.OrderBy(i => i.Kind == InstitutionKind.Internet))
        {
            if (!await AreaExistsAsync(institution.Area, cancellationToken))
            {
                return ReferenceErrors.UnknownArea(institution.Area);
            }

            if (institution.Kind == InstitutionKind.Internet)
            {
                var reliesOn = institution.ReliesOn ?? "";
                var physical = batch.GetValueOrDefault(reliesOn)
                    ?? (await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.FixmedinsCode == reliesOn, cancellationToken))?.ToDomain();
                if (physical is null || physical.Kind != InstitutionKind.Physical)
                {
                    return ReferenceErrors.InvalidReliesOn(institution.FixmedinsCode, reliesOn);
                }
            }

            var row = await db.Institutions.FindAsync([institution.FixmedinsCode], cancellationToken);
            if (row is null)
            {
                db.Institutions.Add(row = new InstitutionRow { FixmedinsCode = institution.FixmedinsCode, Name = "", Area = "", Kind = "" });
            }

            row.Name = institution.Name;
            row.Area = institution.Area;
            row.Kind = institution.Kind.ToName();
            row.Level = institution.Level;
            row.ReliesOn = institution.Kind == InstitutionKind.Internet ? institution.ReliesOn : null;
            db.Record(clock.GetUtcNow(), actor, "institution.upsert", "institution", institution.FixmedinsCode);

            // Internet hospitals in this batch must be able to see the physical ones just staged.
            await db.SaveChangesAsync(cancellationToken);
        }

        return institutions.Count;
    }

    /// <summary>
    /// Loads or replaces persons with their chronic registrations and filings. The account balance
    /// opens a new account; an existing account keeps its balance, which only settlements move.
    /// </summary>
    public async Task<Result<int>> UpsertPersonsAsync(IReadOnlyCollection<Person> persons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persons);
        foreach (var person in persons)
        {
            if (!await AreaExistsAsync(person.Area, cancellationToken))
            {
                return ReferenceErrors.UnknownArea(person.Area);
            }

            if (person.Filings.FirstOrDefault(f => !Areas.IsValidCode(f.ToArea)) is { } badFiling)
            {
                return ReferenceErrors.InvalidPerson($"filing of {person.PsnNo} names area '{badFiling.ToArea}', not a 6-digit code");
            }

            if (await db.Persons.AnyAsync(p => p.Certno == person.Certno && p.PsnNo != person.PsnNo, cancellationToken)
                || persons.Count(p => p.Certno == person.Certno) > 1)
            {
                return ReferenceErrors.DuplicateCertno(person.Certno);
            }

            var row = await db.Persons.Include(p => p.Chronic).Include(p => p.Filings).FirstOrDefaultAsync(p => p.PsnNo == person.PsnNo, cancellationToken);
            if (row is null)
            {
                db.Persons.Add(row = new PersonRow { PsnNo = person.PsnNo, Name = "", Gender = "", Certno = "", Insutype = "", Area = "" });
                db.PersonalAccounts.Add(new PersonalAccountRow { PsnNo = person.PsnNo, Balance = person.AccountBalance });
            }

            row.Name = person.Name;
            row.Gender = person.Gender;
            row.Birthday = person.Birthday;
            row.Certno = person.Certno;
            row.Insutype = person.Insutype;
            row.Area = person.Area;
            row.Retired = person.Retired;
            row.Chronic.Clear();
            row.Chronic.AddRange(person.Chronic.Select(c => new ChronicRegistrationRow { PsnNo = person.PsnNo, Disease = c.Disease, Name = c.Name, From = c.From }));
            row.Filings.Clear();
            row.Filings.AddRange(person.Filings.Select(f => new FilingRow { PsnNo = person.PsnNo, Type = f.Type.ToName(), Reason = f.Reason, ToArea = f.ToArea, From = f.From, To = f.To }));
            db.Record(clock.GetUtcNow(), actor, "person.upsert", "person", person.PsnNo);
            await db.SaveChangesAsync(cancellationToken);
        }

        return persons.Count;
    }

    private async Task<bool> AreaExistsAsync(string area, CancellationToken cancellationToken) =>
        db.Areas.Local.Any(a => a.Admdvs == area) || await db.Areas.AnyAsync(a => a.Admdvs == area, cancellationToken);
}
