using Yibao.Domain;
using Yibao.Domain.Pricing;
using Yibao.Application.Reference;
using Yibao.Domain.Interchange;

namespace Yibao.Application.Pricing;

/// <summary>An area's Internet+ service prices (public: price transparency).</summary>
public sealed record GetPriceList(string Area);

public sealed record PriceListView(InternetPlusPriceList List, int Revision);

public sealed class GetPriceListHandler(ReferenceData reference)
{
    public async Task<Result<PriceListView>> HandleAsync(GetPriceList command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (list, revision) = await reference.PriceListAsync(command.Area, ct);
        return revision == 0 ? ReferenceErrors.PriceListNotFound.With($"No Internet+ price list is loaded for area {command.Area}.") : new PriceListView(list, revision);
    }
}
