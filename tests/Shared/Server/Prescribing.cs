using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Yibao.Client;

namespace Yibao.Testing;

/// <summary>A prescription written at a hospital through the e-prescription doors, and dispensed at a pharmacy through the gateway.</summary>
public static class Prescribing
{
    public static JsonObject Drug(string code, string name, decimal count, decimal price, int days = 28, string frequency = "qd") => new()
    {
        ["medListCodg"] = code, ["drugGenname"] = name, ["rxItemTypeCode"] = "11", ["medcDays"] = days, ["sinDoscnt"] = 1, ["sinDosunt"] = "tablet",
        ["usedFrquCodg"] = frequency, ["drugCnt"] = count, ["drugDosunt"] = "tablet", ["drugPric"] = price, ["drugSumamt"] = count * price,
    };

    /// <summary>The <c>uploadChk</c> input of a chronic-disease prescription written at <paramref name="mdtrtId"/>.</summary>
    public static JsonObject Document(string mdtrtId, string psnNo, string diagnosis, bool online, DateTimeOffset prescribed, params JsonObject[] drugs) => new()
    {
        ["mdtrtCertType"] = "02",
        ["bizTypeCode"] = online ? "02" : "01",
        ["rxExraAttrCode"] = "01",
        ["hospRxno"] = "H" + mdtrtId[^10..],
        ["rxTypeCode"] = "1",
        ["prscTime"] = prescribed.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        ["valiDays"] = 3,
        ["reptFlag"] = "0",
        ["rxdrugdetail"] = new JsonArray([.. drugs]),
        ["mdtrtinfo"] = new JsonObject { ["mdtrtId"] = mdtrtId, ["medType"] = "14", ["psnNo"] = psnNo, ["maindiagCode"] = diagnosis, ["diseName"] = diagnosis, ["drCode"] = "D0001", ["prscDrName"] = "Dr. Li" },
        ["diseinfo"] = new JsonArray(new JsonObject { ["diagType"] = "1", ["maindiagFlag"] = "1", ["diagCode"] = diagnosis, ["diagName"] = diagnosis }),
    };

    /// <summary>The upload's fields (<c>rxFileUpld</c> without the file and signature).</summary>
    public static JsonObject UploadFields(JsonElement prechecked, string mdtrtId, string patient, string certno) => new()
    {
        ["rxTraceCode"] = prechecked.GetProperty("rxTraceCode").GetString(), ["hiRxno"] = prechecked.GetProperty("hiRxno").GetString(), ["mdtrtId"] = mdtrtId,
        ["patnName"] = patient, ["psnCertType"] = "01", ["certno"] = certno, ["drCode"] = "D0001", ["prscDrName"] = "Dr. Li",
        ["pharName"] = "Pharmacist Wu", ["pharCode"] = "PH001", ["pharChkTime"] = "2026-11-22 10:05:00",
    };

    public static readonly string RxFile = Convert.ToBase64String("%PDF-1.7 e-prescription"u8.ToArray());

    /// <summary>One transaction on the plain development transport (<c>{"data": …}</c> with the gateway's signature headers): its <c>data</c>.</summary>
    public static async Task<JsonElement> EpcAsync(HttpClient hospital, string transaction, JsonObject data, int status = 200)
    {
        var answer = await (await hospital.SendAsync(HttpMethod.Post, $"/epc/api/fixmedins/{transaction}", new JsonObject { ["data"] = data }.ToJsonString())).JsonAsync(status);
        return status == 200 ? answer.GetProperty("data") : answer;
    }

    /// <summary>A chronic visit at <paramref name="hospital"/>, its prescription pre-checked, signed and uploaded on the plain transport: the <c>hiRxno</c>.</summary>
    public static async Task<string> PrescribeAsync(YibaoServer server, string hospital, string psnNo, string diagnosis, params JsonObject[] drugs)
    {
        var client = server.InstitutionClient(hospital);
        var mdtrtId = await client.RegisterAsync(psnNo, hospital, "14", disease: diagnosis);
        var (certno, _) = Api.Card(psnNo);
        var prechecked = await EpcAsync(client, "uploadChk", Document(mdtrtId, psnNo, diagnosis, hospital == "H33010000002", server.Clock.GetUtcNow(), drugs));
        var fields = UploadFields(prechecked, mdtrtId, "patient", certno);
        var signed = await EpcAsync(client, "rxFixmedinsSign", new JsonObject
        {
            ["originalValue"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(fields.ToJsonString())),
            ["originalRxFile"] = RxFile,
        });
        fields["rxFile"] = signed.GetProperty("rxFile").GetString();
        fields["signDigest"] = signed.GetProperty("signDigest").GetString();
        var uploaded = await EpcAsync(client, "rxFileUpld", fields);
        Assert.Equal("1", uploaded.GetProperty("rxStasCodg").GetString());
        return uploaded.GetProperty("hiRxno").GetString()!;
    }

    /// <summary>The prescription's QR code, as the patient's phone shows it.</summary>
    public static async Task<string> QrAsync(HttpClient phone, string hiRxno)
    {
        var response = await phone.GetAsync($"/me/prescriptions/{hiRxno}/qr.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var qr = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return qr.RootElement.GetProperty("content").GetString()!;
    }

    /// <summary>
    /// The pharmacy dispenses: scans the QR (7201), downloads (7203), reviews (7204), registers the
    /// visit (2201), uploads the lines naming the prescription (2204), pre-settles (2206) and settles
    /// (2207); the settlement's <c>setlinfo</c>.
    /// </summary>
    public static async Task<JsonElement> DispenseAsync(GatewayClient pharmacy, string qr, string psnNo, string insuredArea, params FeeDetail[] lines)
    {
        var decoded = (await pharmacy.CallAsync("7201", new { data = new { epc_qrcd = qr } })).Expect();
        var hiRxno = decoded.GetProperty("hi_rxno").GetString()!;
        var downloaded = (await pharmacy.CallAsync("7203", new { data = new { epc_token = decoded.GetProperty("epc_token").GetString(), insuplc_admdvs = insuredArea } })).Expect();
        Assert.Equal(hiRxno, downloaded.GetProperty("data").GetProperty("hi_rxno").GetString());
        (await pharmacy.CallAsync("7204", new { data = new { hi_rxno = hiRxno, rx_chk_stas_codg = "1", rx_chk_opnn = "appropriate", phar_name = "Pharmacist Qian", rx_chk_time = "2026-11-22 10:30:00" } })).Expect();
        var (certno, _) = Api.Card(psnNo);
        Assert.Equal(insuredArea, decoded.GetProperty("insuplc_admdvs").GetString());
        var mdtrtId = (await pharmacy.RegisterAsync(psnNo, Insutype(psnNo), insuredArea, "02", certno)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await pharmacy.CallAsync("2204", new
        {
            feedetail = lines.Select(l => new
            {
                feedetl_sn = l.FeedetlSn, mdtrt_id = mdtrtId, psn_no = psnNo, chrg_bchno = "0000", rxno = hiRxno, rx_circ_flag = "1",
                fee_ocur_time = "2026-11-22 10:31:00", med_list_codg = l.Code, medins_list_codg = l.Code, det_item_fee_sumamt = l.Amount, cnt = l.Qty, pric = l.Price,
            }).ToList(),
        })).Expect();
        var request = new SettleRequest(mdtrtId, psnNo, Insutype(psnNo), insuredArea, "41", lines.Sum(l => l.Amount), "02", certno);
        (await pharmacy.PreSettleAsync(request)).Expect();
        return (await pharmacy.SettleAsync(request)).Expect().GetProperty("setlinfo");
    }

    private static string Insutype(string psnNo) => Yibao.Domain.Interchange.WorldJson.ReadPersons(Yibao.Application.Reference.DemoWorld.Read("persons.json")).Value.Single(p => p.PsnNo == psnNo).Insutype;
}
