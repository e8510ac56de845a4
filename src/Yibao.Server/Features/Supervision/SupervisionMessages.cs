using System.Globalization;
using System.Text.Json;
using Yibao.Application.Supervision;
using Yibao.Domain.Supervision;
using Yibao.Server.Features.Gateway;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Supervision;

/// <summary>
/// The national shapes of 3101/3102 (<c>data{syscode, task_id, trig_scen, rule_ids[],
/// patient_dtos[]}</c> → <c>result[]</c>) and 3103 (<c>data{warn_type, warns[]}</c>), shared by the
/// gateway and the native API: request → command, findings → answer.
/// </summary>
internal static class SupervisionMessages
{
    /// <summary>The analysis a 3101/3102 <c>data</c> block asks for, by the calling institution.</summary>
    public static AnalyseClaims Analysis(GatewayInput data, InstitutionRow caller, DateOnly today)
    {
        var triggers = (data.OptionalText("trig_scen", 40) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10 ? n : throw new GatewayRefusal($"trig_scen: 1–10, comma-separated; not {t}."))
            .ToList();
        if (triggers.Count == 0 || (triggers.Any(t => t <= 5) && triggers.Any(t => t >= 6)))
        {
            throw new GatewayRefusal("trig_scen names the scenes of one stage: 1–5 before the event, 6–10 during it.");
        }

        var stage = triggers[0] <= 5 ? RuleStage.Before : RuleStage.During;
        var scene = triggers.Aggregate((Scene)0, (s, t) => s | (t switch { 3 or 4 or 5 or 8 or 9 => Scene.Inpatient, 10 => Scene.Pharmacy, _ => Scene.Outpatient }))
            | (caller.Kind == "internet" ? Scene.Internet : 0);
        var ruleIds = data.Element.TryGetProperty("rule_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Select(i => i.GetString() ?? "").Where(i => i.Length > 0).ToList()
            : [];
        var claims = new List<SupervisedClaim>();
        foreach (var patient in data.List("patient_dtos"))
        {
            var psnNo = patient.Text("patn_id", 30);
            var birthday = patient.Date("brdy");
            foreach (var encounter in patient.List("fsi_encounter_dtos"))
            {
                var admitted = Day(encounter.OptionalText("adm_date", 19));
                var discharged = Day(encounter.OptionalText("dscg_date", 19));
                var diagnoses = encounter.Element.TryGetProperty("fsi_diagnose_dtos", out _) ? encounter.List("fsi_diagnose_dtos").Select(d => d.Text("dise_codg", 30)).ToList() : [];
                var orders = encounter.List("fsi_order_dtos");
                var date = admitted ?? today;
                claims.Add(new SupervisedClaim
                {
                    MdtrtId = encounter.Text("mdtrt_id", 40),
                    PsnNo = psnNo,
                    Gender = patient.Text("gend", 1),
                    Birthday = birthday,
                    Insutype = encounter.Text("insutype", 6),
                    FixmedinsCode = caller.FixmedinsCode,
                    Level = int.TryParse(encounter.OptionalText("medins_lv", 3), CultureInfo.InvariantCulture, out var level) ? level : caller.Level,
                    Scene = scene,
                    MedType = encounter.OptionalText("med_type", 6) ?? "11",
                    Online = caller.Kind == "internet",
                    Date = date,
                    Admitted = (scene & Scene.Inpatient) != 0 ? admitted : null,
                    Discharged = (scene & Scene.Inpatient) != 0 ? discharged : null,
                    Diagnoses = diagnoses,
                    Lines = [.. orders.Select((o, i) => Order(o, i, date))],
                });
            }
        }

        return new AnalyseClaims(caller.FixmedinsCode, data.OptionalText("task_id", 40), stage, ruleIds, claims);
    }

    private static SupervisedLine Order(GatewayInput order, int index, DateOnly date)
    {
        var begin = Day(order.OptionalText("drord_begn_date", 19)) ?? date;
        var stop = Day(order.OptionalText("drord_stop_date", 19));
        var qty = order.Decimal("cnt");
        var price = order.Decimal("pric");
        return new SupervisedLine(
            order.OptionalText("rx_id", 40) ?? (index + 1).ToString(CultureInfo.InvariantCulture),
            order.Text("hilist_code", 50),
            order.OptionalText("hilist_name", 200) ?? "",
            price,
            qty,
            order.OptionalDecimal("sumamt") ?? Domain.Money.Round(price * qty),
            begin,
            order.OptionalText("drord_dr_codg", 30),
            order.OptionalText("rxno", 40),
            stop is { } s && s >= begin ? s.DayNumber - begin.DayNumber + 1 : null);
    }

    private static DateOnly? Day(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The findings as 3101/3102's <c>result[]</c>; each evidence line's amount is read from the claim it came from.</summary>
    public static object Result(AnalyseClaims analysis, IReadOnlyList<JudgedFinding> findings) => new
    {
        result = findings.Select(j =>
        {
            var f = j.Finding;
            var lines = analysis.Claims.Where(c => c.MdtrtId == f.MdtrtId).SelectMany(c => c.Lines).ToList();
            return new
            {
                jr_id = j.JrId,
                rule_id = f.RuleId,
                rule_name = f.RuleName,
                vola_cont = f.Content,
                patn_id = f.PsnNo,
                mdtrt_id = f.MdtrtId,
                vola_amt = f.Amount,
                vola_amt_stas = "1",
                sev_deg = ((int)f.Severity).ToString(CultureInfo.InvariantCulture),
                vola_evid = JsonSerializer.Serialize(new { evidence = f.EvidenceLines, parameters = f.Parameters }),
                vola_bhvr_type = RuleSet.Default.Definitions.First(d => d.Id == f.RuleId).Family.ToString().ToLowerInvariant(),
                blocking = f.Blocking ? "1" : "0",
                task_id = analysis.TaskId,
                judge_result_detail_dtos = f.EvidenceLines.Select((id, n) => new
                {
                    jrd_id = $"{j.JrId}-{n + 1}",
                    patn_id = f.PsnNo,
                    mdtrt_id = f.MdtrtId,
                    rx_id = id,
                    vola_item_type = "1",
                    vola_amt = lines.FirstOrDefault(l => l.Id == id)?.Amount ?? 0m,
                }).ToList(),
            };
        }).ToList(),
    };

    /// <summary>The decisions a 3103 <c>data</c> block records.</summary>
    public static RecordWarningDecisions Decisions(GatewayInput data, string caller) => new(
        caller,
        data.Text("warn_type", 1),
        [.. data.List("warns").Select(w => new WarningDecision(w.Text("warn_rslt_id", 40), w.Text("dspo_way", 1), w.OptionalText("dspo_way_rea", 500)))]);
}
