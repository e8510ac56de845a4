using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Reference;

/// <summary>Loads or replaces an area's Internet+ price list (the document is kept whole); answers its revision.</summary>
public sealed record LoadPriceList(string Document, string Actor);

public sealed class LoadPriceListHandler(YibaoDbContext db, TimeProvider clock)
{
    /// <summary>Loads or replaces an area's Internet+ price list (the document is kept whole).</summary>
    public async Task<Result<int>> HandleAsync(LoadPriceList command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var document = command.Document;
        var list = Domain.Pricing.PriceListJson.Read(document);
        if (!list.IsSuccess)
        {
            return list.Error;
        }

        var area = list.Value.Area;
        if (!await ReferenceAccess.AreaExistsAsync(db, area, cancellationToken))
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
        db.Record(clock.GetUtcNow(), command.Actor, "prices.upsert", "price_list", area, $"revision {row.Revision}");
        return row.Revision;
    }
}
