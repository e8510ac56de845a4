using System.Globalization;
using System.Text;
using Yibao.Application.Policies;
using Yibao.Domain.Simulation;
using Yibao.Server.Infrastructure;

namespace Yibao.Server.Features.Console;

/// <summary>
/// <c>GET /console/simulations/{id}.csv</c>: a saved what-if report as one CSV (UTF-8 with a
/// byte-order mark), one section per table: the groups, the histogram, the people most affected.
/// </summary>
internal static class SimulationExport
{
    public static async Task<IResult> ExportAsync(long id, HttpContext http, GetSimulationHandler get)
    {
        ArgumentNullException.ThrowIfNull(http);
        var found = await get.HandleAsync(new GetSimulation(id), http.RequestAborted);
        if (!found.IsSuccess)
        {
            return ApiError.From(found.Error).ToResult();
        }

        if (found.Value.Report is not { } report)
        {
            return ApiError.From(PolicyDraftErrors.SimulationNotFound.With($"simulation {id} has no report yet ({found.Value.Status})")).ToResult();
        }

        var csv = new StringBuilder();
        csv.AppendLine("group,key,settlements,fund_before,fund_after,fund_change,account_before,account_after,cash_before,cash_after,cash_change");
        Groups(csv, "total", [report.Total]);
        Groups(csv, "benefit_kind", report.ByBenefitKind);
        Groups(csv, "person_type", report.ByPersonType);
        Groups(csv, "institution_level", report.ByInstitutionLevel);
        csv.AppendLine().AppendLine("cash_change_bin,people");
        foreach (var b in report.CashChangeHistogram)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{b.Label.Replace('…', '~')},{b.People}");
        }

        csv.AppendLine().AppendLine("psn_no,person_type,settlements,cash_before,cash_after,cash_change");
        foreach (var p in report.MostAffected)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{p.PsnNo},{p.PersonType},{p.Settlements},{M(p.CashBefore)},{M(p.CashAfter)},{M(p.CashChange)}");
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", $"simulation-{id}.csv");
    }

    private static void Groups(StringBuilder csv, string group, IEnumerable<PaidChange> changes)
    {
        foreach (var g in changes)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{group},{g.Key},{g.Settlements},{M(g.FundBefore)},{M(g.FundAfter)},{M(g.FundChange)},{M(g.AccountBefore)},{M(g.AccountAfter)},{M(g.CashBefore)},{M(g.CashAfter)},{M(g.CashChange)}");
        }
    }

    private static string M(decimal amount) => Domain.Money.Format(amount);
}
