using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>5206 accumulations, 3201 total reconciliation, 1312 catalogue query.</summary>
internal static class Queries
{
    public static async Task<object?> AccumulationsAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var person = await call.PersonAsync(data.Text("psn_no", 30), ct);
        var month = data.Text("cum_ym", 6);
        if (month.Length != 6 || !int.TryParse(month[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new GatewayRefusal("cum_ym must be yyyyMM.");
        }

        var accumulators = (await call.Db.Accumulators.AsNoTracking().Where(a => a.PsnNo == person.PsnNo && a.Year == year).ToListAsync(ct)).ToAccumulatorSet();
        return new
        {
            cuminfo = BenefitKinds.All.SelectMany(kind => new[]
            {
                new CumInfo(person.Insutype, year, $"{kind.ToName()}_deductible", accumulators[kind].DeductiblePaid),
                new CumInfo(person.Insutype, year, $"{kind.ToName()}_fund", accumulators[kind].FundPaid),
            }).ToList(),
        };
    }

    /// <summary>Compares the institution's totals for a period with the platform's (net of cancellations).</summary>
    public static async Task<object?> ReconcileAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var insutype = data.Text("insutype", 6);
        var from = data.Date("stmt_begndate");
        var to = data.Date("stmt_enddate");
        if (to < from)
        {
            throw new GatewayRefusal("stmt_enddate is before stmt_begndate.");
        }

        var clearingArea = data.OptionalText("setl_optins", 6);
        var settled = await call.Db.Settlements.AsNoTracking()
            .Where(s => s.FixmedinsCode == call.Institution.FixmedinsCode && s.Insutype == insutype && s.Status == SettlementStatus.Settled
                && s.SettlementDate >= from && s.SettlementDate <= to && (clearingArea == null || s.InsuredArea == clearingArea))
            .Select(s => new { s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay })
            .ToListAsync(ct);
        var platform = (Medfee: settled.Sum(s => s.MedfeeSumamt), Fund: settled.Sum(s => s.FundPaySumamt), Account: settled.Sum(s => s.AcctPay), Count: settled.Count);
        var stated = (Medfee: data.Decimal("medfee_sumamt"), Fund: data.Decimal("fund_pay_sumamt"), Account: data.Decimal("acct_pay"), Count: (int)data.Decimal("fixmedins_setl_cnt"));
        var differences = new List<string>();
        if (platform.Medfee != stated.Medfee)
        {
            differences.Add($"medfee_sumamt {stated.Medfee:0.00} vs platform {platform.Medfee:0.00}");
        }

        if (platform.Fund != stated.Fund)
        {
            differences.Add($"fund_pay_sumamt {stated.Fund:0.00} vs platform {platform.Fund:0.00}");
        }

        if (platform.Account != stated.Account)
        {
            differences.Add($"acct_pay {stated.Account:0.00} vs platform {platform.Account:0.00}");
        }

        if (platform.Count != stated.Count)
        {
            differences.Add($"fixmedins_setl_cnt {stated.Count} vs platform {platform.Count}");
        }

        return new
        {
            stmtinfo = new StmtInfo(
                clearingArea ?? call.Institution.Area,
                differences.Count == 0 ? "0" : "1",
                differences.Count == 0 ? "totals agree" : string.Join("; ", differences)),
        };
    }

    /// <summary>The current catalogue of an area, paged; <c>updt_time</c> returns nothing when it has not changed since.</summary>
    public static async Task<object?> CatalogueAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var area = data.OptionalText("insu_admdvs", 6) ?? call.Institution.Area;
        var pageNum = (int)(data.OptionalDecimal("page_num") ?? 1);
        var pageSize = (int)(data.OptionalDecimal("page_size") ?? 100);
        if (pageNum < 1 || pageSize is < 1 or > 1000)
        {
            throw new GatewayRefusal("page_num starts at 1; page_size is 1 to 1000.");
        }

        var version = await call.Db.CatalogueVersions.AsNoTracking().Where(v => v.Area == area).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct)
            ?? throw new GatewayRefusal($"[catalogue_not_found] No catalogue is loaded for area {area}.");
        var updatedSince = data.OptionalTime("updt_time", call.Calendar.Now.Offset);
        var code = data.OptionalText("hilist_code", 50);
        var entries = updatedSince > version.LoadedAt
            ? []
            : await call.Db.CatalogueEntries.AsNoTracking().Where(e => e.VersionId == version.Id && (code == null || e.Code == code)).OrderBy(e => e.Code).ToListAsync(ct);
        return new CataloguePage(
            entries.Skip((pageNum - 1) * pageSize).Take(pageSize).Select(e => new CatalogueItem(
                e.Code, e.Name, area, e.Kind, e.Class == "A" ? "01" : e.Class == "B" ? "02" : "03", e.SelfpayProp, e.PriceCap,
                version.Version, GatewayFormats.Time(version.LoadedAt, call.Calendar))).ToList(),
            entries.Count,
            (entries.Count + pageSize - 1) / pageSize);
    }
}

internal sealed record CumInfo(string Insutype, int Year, string CumTypeCode, decimal Cum);

internal sealed record StmtInfo(string SetlOptins, string StmtRslt, string StmtRsltDscr);

/// <summary>1312's output; <c>recordCounts</c> is camelCase in the national interface, unlike its neighbours.</summary>
internal sealed record CataloguePage(
    IReadOnlyList<CatalogueItem> Data,
    [property: System.Text.Json.Serialization.JsonPropertyName("recordCounts")] int RecordCounts,
    int Pages);

internal sealed record CatalogueItem(string HilistCode, string HilistName, string InsuAdmdvs, string ListType, string ChrgitmLv, decimal SelfpayProp, decimal? PricUplmtAmt, int Ver, string UpdtTime);
