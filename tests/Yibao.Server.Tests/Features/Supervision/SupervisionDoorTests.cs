using Yibao.Client;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Supervision;

/// <summary>The rule base during the event, through the doors: loaded by staff, a warning in the envelope's warn_msg and the native response, a blocking rule refusing with its id.</summary>
public sealed class SupervisionDoorTests
{
    private const string ZhangWei = "3301000000000001";

    [Fact]
    public async Task Settlement_WarnedAndBlocked_TravelInBothDoorsAsTheSpecSays()
    {
        await using var server = await YibaoServer.StartAsync();
        var staff = await server.StaffClientAsync("policy");
        var refusedDocument = await (await staff.SendAsync(HttpMethod.Put, "/api/admin/supervision/330100", """{"ruleSettings": {"NOPE": {}}}""")).JsonAsync(400);
        var loaded = await (await staff.SendAsync(HttpMethod.Put, "/api/admin/supervision/330100", """{"restrictions": [{"code": "XA10BAA001A001", "gender": "2"}]}""")).JsonAsync(200);

        // Native: atorvastatin above its governing price warns, and the warning comes back with the settlement.
        var hospital = server.InstitutionClient("H33010000001");
        var visit = await hospital.RegisterAsync(ZhangWei, "H33010000001");
        await hospital.UploadAsync(visit, Api.Line("XC10AAA005A001", 3.6m, 28));
        var settled = await (await hospital.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);

        // Gateway: the same warning in warn_msg; metformin (restricted to women here) refuses a man's settlement.
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (certno, _) = Api.Card(ZhangWei);
        var mdtrtId = (await his.RegisterAsync(ZhangWei, "310", "330100", "02", certno)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.UploadFeesAsync(mdtrtId, ZhangWei, [new FeeDetail("1", "XC10AAA005A001", 3.6m, 28m, 100.80m)])).Expect();
        var warned = await his.SettleAsync(new SettleRequest(mdtrtId, ZhangWei, "310", "330100", "11", 100.80m, "02", certno));
        var blockedVisit = (await his.RegisterAsync(ZhangWei, "310", "330100", "02", certno)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.UploadFeesAsync(blockedVisit, ZhangWei, [new FeeDetail("1", "XA10BAA001A001", 0.5m, 28m, 14.00m)])).Expect();
        var blocked = await his.SettleAsync(new SettleRequest(blockedVisit, ZhangWei, "310", "330100", "11", 14.00m, "02", certno));

        Assert.Equal("invalid_knowledge", refusedDocument.GetProperty("code").GetString());
        Assert.Equal(1, loaded.GetProperty("version").GetInt32());
        var warning = settled.GetProperty("warnings")[0];
        Assert.Equal(("MGT001", 11.20m), (warning.GetProperty("rule_id").GetString(), warning.GetProperty("vola_amt").GetDecimal()));
        Assert.True(warned.IsSuccess, warned.ErrMsg);
        Assert.StartsWith("[MGT001]", System.Text.Json.JsonDocument.Parse(warned.Raw).RootElement.GetProperty("warn_msg").GetString(), StringComparison.Ordinal);
        Assert.False(blocked.IsSuccess);
        Assert.StartsWith("[supervision_blocked] [POL001]", blocked.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analysis_3101Then3103ThroughTheGateway_AnswersFindingsAndKeepsTheDoctorsDecision()
    {
        await using var server = await YibaoServer.StartAsync();
        var staff = await server.StaffClientAsync("policy");
        await (await staff.SendAsync(HttpMethod.Put, "/api/admin/supervision/330100", """{"dailyDoseLimits": {"XC08CAA001A001": 1}}""")).JsonAsync(200);
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        object Patient(decimal count) => new
        {
            patn_id = ZhangWei, patn_name = "Zhang Wei", gend = "1", brdy = "1968-03-14", poolarea = "330100", curr_mdtrt_id = "HIS-9",
            fsi_encounter_dtos = new[]
            {
                new
                {
                    mdtrt_id = "HIS-9", medins_id = "H33010000001", medins_lv = "3", adm_date = "2026-11-22 10:00:00", med_type = "11", insutype = "310", medfee_sumamt = count * 1.85m,
                    fsi_diagnose_dtos = new[] { new { dise_codg = "I10", dise_name = "Hypertension", maindise_flag = "1" } },
                    fsi_order_dtos = new[] { new { rx_id = "O1", hilist_code = "XC08CAA001A001", hilist_name = "Amlodipine", cnt = count, pric = 1.85m, sumamt = count * 1.85m, drord_begn_date = "2026-11-22", drord_stop_date = "2026-12-19", drord_dr_codg = "D001" } },
                },
            },
        };

        var analysed = (await his.CallAsync("3101", new { data = new { syscode = "HIS", task_id = "T-1", trig_scen = "2", rule_ids = Array.Empty<string>(), patient_dtos = new[] { Patient(56) } } })).Expect();
        var clean = (await his.CallAsync("3101", new { data = new { syscode = "HIS", task_id = "T-2", trig_scen = "2", patient_dtos = new[] { Patient(28) } } })).Expect();
        var finding = analysed.GetProperty("result")[0];
        var jrId = finding.GetProperty("jr_id").GetString();
        var noReason = await his.CallAsync("3103", new { data = new { warn_type = "1", warns = new[] { new { warn_rslt_id = jrId, dspo_way = "1" } } } });
        var decided = (await his.CallAsync("3103", new { data = new { warn_type = "1", warns = new[] { new { warn_rslt_id = jrId, dspo_way = "1", dspo_way_rea = "loading dose for the first week" } } } })).Expect();
        var mixed = await his.CallAsync("3101", new { data = new { trig_scen = "2,6", patient_dtos = new[] { Patient(56) } } });

        Assert.Equal(("MED001", "T-1", "O1"), (finding.GetProperty("rule_id").GetString(), finding.GetProperty("task_id").GetString(), finding.GetProperty("judge_result_detail_dtos")[0].GetProperty("rx_id").GetString()));
        Assert.Equal(51.80m, finding.GetProperty("vola_amt").GetDecimal()); // 28 tablets beyond 28 days × 1 a day
        Assert.Equal(0, clean.GetProperty("result").GetArrayLength());
        Assert.StartsWith("[invalid_analysis]", noReason.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(1, decided.GetProperty("recorded").GetInt32());
        Assert.Contains("trig_scen", mixed.ErrMsg, StringComparison.Ordinal);

        // The native equivalent answers the same.
        var native = await (await server.InstitutionClient("H33010000001").SendAsync(HttpMethod.Post, "/api/supervision/analyses", new { data = new { trig_scen = "2", patient_dtos = new[] { Patient(56) } } })).JsonAsync(200);
        Assert.Equal("MED001", native.GetProperty("result")[0].GetProperty("rule_id").GetString());
    }
}
