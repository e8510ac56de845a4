using System.Globalization;
using Yibao.Application.Persons;
using Yibao.Application.Reference;
using Yibao.Domain.Codes;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>5206 accumulations, 1312 catalogue query.</summary>
internal static class Queries
{
    public static async Task<object?> AccumulationsAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var psnNo = data.Text("psn_no", 30);
        var month = data.Text("cum_ym", 6);
        if (month.Length != 6 || !int.TryParse(month[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new GatewayRefusal("cum_ym must be yyyyMM.");
        }

        var (person, ledger) = GatewayCall.Expect(await call.Use<FindPersonHandler>().HandleAsync(new FindPerson(psnNo, PersonInfo.Reader(call), year, call.Request.InsuplcAdmdvs, TreatedAt: call.Institution.FixmedinsCode), ct));
        return new
        {
            cuminfo = BenefitKinds.All.SelectMany(kind => new[]
            {
                new CumInfo(person.Insutype, year, $"{kind.ToName()}_deductible", ledger.Accumulators[kind].DeductiblePaid),
                new CumInfo(person.Insutype, year, $"{kind.ToName()}_fund", ledger.Accumulators[kind].FundPaid),
            }).ToList(),
        };
    }

    /// <summary>The current catalogue of an area, paged; <c>updt_time</c> returns nothing when it has not changed since.</summary>
    public static async Task<object?> CatalogueAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var area = data.OptionalText("insu_admdvs", 6) ?? call.Institution.Area;
        var pageSize = (int)(data.OptionalDecimal("page_size") ?? 100);
        var query = new QueryCatalogue(area, (int)(data.OptionalDecimal("page_num") ?? 1), pageSize, data.OptionalText("hilist_code", 50), data.OptionalTime("updt_time", call.Calendar.Now.Offset));
        var page = GatewayCall.Expect(await call.Use<QueryCatalogueHandler>().HandleAsync(query, ct));
        return new CatalogueOutput(
            page.Entries.Select(e => new CatalogueItem(
                e.Code, e.Name, area, e.Kind, e.Class == "A" ? "01" : e.Class == "B" ? "02" : "03", e.SelfpayProp, e.PriceCap,
                page.Version.Version, GatewayFormats.Time(page.Version.LoadedAt, call.Calendar))).ToList(),
            page.Total,
            (page.Total + pageSize - 1) / pageSize);
    }
}

internal sealed record CumInfo(string Insutype, int Year, string CumTypeCode, decimal Cum);

/// <summary>1312's output; <c>recordCounts</c> is camelCase in the national interface, unlike its neighbours.</summary>
internal sealed record CatalogueOutput(
    IReadOnlyList<CatalogueItem> Data,
    [property: System.Text.Json.Serialization.JsonPropertyName("recordCounts")] int RecordCounts,
    int Pages);

internal sealed record CatalogueItem(string HilistCode, string HilistName, string InsuAdmdvs, string ListType, string ChrgitmLv, decimal SelfpayProp, decimal? PricUplmtAmt, int Ver, string UpdtTime);
