using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Reference;

/// <summary>Loads or replaces coordinated areas; the caller saves them in one transaction.</summary>
public sealed record LoadAreas(IReadOnlyCollection<Area> Areas, string Actor);

public sealed class LoadAreasHandler(YibaoDbContext db, TimeProvider clock)
{
    /// <summary>How many areas were loaded.</summary>
    public async Task<Result<int>> HandleAsync(LoadAreas command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var area in command.Areas)
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

            db.Record(clock.GetUtcNow(), command.Actor, "area.upsert", "area", area.Admdvs);
        }

        return command.Areas.Count;
    }
}
