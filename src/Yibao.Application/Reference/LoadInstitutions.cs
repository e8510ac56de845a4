using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Application.Reference;

/// <summary>Loads or replaces institutions; an internet hospital must rely on a physical institution.</summary>
public sealed record LoadInstitutions(IReadOnlyCollection<Institution> Institutions, string Actor);

public sealed class LoadInstitutionsHandler(YibaoDbContext db, TimeProvider clock)
{
    /// <summary>Loads or replaces institutions; an internet hospital must rely on a physical institution.</summary>
    public async Task<Result<int>> HandleAsync(LoadInstitutions command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var institutions = command.Institutions;
        var batch = institutions.ToDictionary(i => i.FixmedinsCode, StringComparer.Ordinal);

        // Physical institutions first, so that internet hospitals in the same batch find them.
        foreach (var institution in institutions.OrderBy(i => i.Kind == InstitutionKind.Internet))
        {
            if (!await ReferenceAccess.AreaExistsAsync(db, institution.Area, cancellationToken))
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
            db.Record(clock.GetUtcNow(), command.Actor, "institution.upsert", "institution", institution.FixmedinsCode);

            // Internet hospitals in this batch must be able to see the physical ones just staged.
            await db.SaveChangesAsync(cancellationToken);
        }

        return institutions.Count;
    }
}
