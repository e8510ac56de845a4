using Yibao.Application.Prescriptions;
using Yibao.Domain.Prescriptions;
using Yibao.Server.Features.Prescriptions;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>
/// The pharmacy side of prescription circulation (the Guangdong profile's 7201–7206): decode the
/// patient's prescription QR code, list their circulating prescriptions, download one to dispense,
/// the pharmacist's review, delivery, and the write-off after settlement.
/// </summary>
internal static class Dispensing
{
    /// <summary>7201: <c>epc_qrcd</c> → <c>epc_token</c> and whose prescription it is.</summary>
    public static async Task<object?> DecodeAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var (token, person) = GatewayCall.Expect(await call.Use<DecodePrescriptionQrHandler>().HandleAsync(new DecodePrescriptionQr(data.Text("epc_qrcd", 200), call.Institution.FixmedinsCode), ct));
        return new { EpcToken = token.Pass, CertType = "01", person.Name, person.Certno, InsuplcAdmdvs = person.Area, token.HiRxno };
    }

    /// <summary>7202: the patient's circulating prescriptions, each with a single-use <c>auth_rxno</c>.</summary>
    public static async Task<object?> ListAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var list = GatewayCall.Expect(await call.Use<ListCirculatingPrescriptionsHandler>().HandleAsync(
            new ListCirculatingPrescriptions(data.Text("mdtrt_cert_type", 3), data.Text("mdtrt_cert_no", 64), call.Institution.FixmedinsCode), ct));
        return new
        {
            result = list.Select(c => new
            {
                c.AuthRxno,
                c.Prescription.HiRxno,
                DiagName = c.DiagName,
                c.Prescription.FixmedinsCode,
                FixmedinsName = c.InstitutionName,
                PrscTime = GatewayFormats.Time(c.Prescription.PrscTime, call.Calendar),
                ValidEndTime = GatewayFormats.Time(c.Prescription.ValiEndTime, call.Calendar),
                c.Prescription.RxExraAttrCode,
            }).ToList(),
        };
    }

    /// <summary>7203: one prescription to dispense, for its own patient's pass; held for this pharmacy.</summary>
    public static async Task<object?> DownloadAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var pass = data.OptionalText("epc_token", 64) ?? data.OptionalText("auth_rxno", 30) ?? throw new GatewayRefusal("input.data needs epc_token or auth_rxno.");
        var downloaded = GatewayCall.Expect(await call.Use<DownloadPrescriptionHandler>().HandleAsync(
            new DownloadPrescription(pass, data.OptionalText("hi_rxno", 30), call.Institution.FixmedinsCode), ct));
        var rx = downloaded.Prescription;
        var content = PrescriptionContent.Of(rx);
        return new
        {
            data = new
            {
                rx.HiRxno,
                rx.FixmedinsCode,
                FixmedinsName = downloaded.InstitutionName,
                rx.PsnNo,
                rx.MedType,
                PrescriberLevel = rx.PrescriberLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PrscTime = GatewayFormats.Time(rx.PrscTime, call.Calendar),
                ValiEndTime = GatewayFormats.Time(rx.ValiEndTime, call.Calendar),
                rx.RxExraAttrCode,
                rx.MaxReptCnt,
                rx.Dispensings,
                RxStasCodg = RxStatus.Uploaded.RxStasCodg(),

                // What a pharmacy needs to check the signature itself, with the platform's certificate (GET /epc/api/ca).
                rx.RxFile,
                rx.SignDigest,
                rx.SignCertSn,
                SignCert = rx.SignCertificate,
                SignedContent = rx.Content,
            },
            rxdrugdetail = downloaded.Drugs.Select(d => new { d.MedListCodg, d.DrugGenname, d.MedcDays, d.SinDoscnt, d.SinDosunt, d.UsedFrquCodg, d.DrugCnt, d.DrugDosunt }).ToList(),
            mdtrtinfo = content["prescription"]?["mdtrtinfo"],
            diseinfo = content["prescription"]?["diseinfo"],
        };
    }

    /// <summary>7204: the pharmacist's review (<c>rx_chk_stas_codg</c> 1 passed, 2 refused).</summary>
    public static async Task<object?> ReviewAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var rx = GatewayCall.Expect(await call.Use<ReviewPrescriptionHandler>().HandleAsync(new ReviewPrescription(
            data.Text("hi_rxno", 30), call.Institution.FixmedinsCode, data.Text("rx_chk_stas_codg", 3), data.OptionalText("rx_chk_opnn", 2000),
            data.Text("phar_name", 50), data.OptionalText("phar_certno", 50), data.OptionalTime("rx_chk_time", call.Calendar.Now.Offset)), ct));
        return new { rx.HiRxno, rx.RxChkStasCodg };
    }

    /// <summary>7205: delivery status (<c>delv_stas_codg</c>).</summary>
    public static async Task<object?> DeliveryAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var rx = GatewayCall.Expect(await call.Use<RecordDeliveryHandler>().HandleAsync(new RecordDelivery(
            data.Text("hi_rxno", 30), call.Institution.FixmedinsCode, data.Text("delv_stas_codg", 3), data.OptionalText("delv_dscr", 200)), ct));
        return new { rx.HiRxno, rx.DelvStasCodg };
    }

    /// <summary>7206: write-off after settlement, with each pack's traceability code (<c>seltdelts[].drug_trac_codg</c>).</summary>
    public static async Task<object?> WriteOffAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var packs = call.Input.List("seltdelts").Select(d => new DispensedPack(d.Text("med_list_codg", 50), d.Text("drug_trac_codg", 30))).ToList();
        var rx = GatewayCall.Expect(await call.Use<WriteOffPrescriptionHandler>().HandleAsync(new WriteOffPrescription(
            data.Text("hi_rxno", 30), call.Institution.FixmedinsCode, data.Text("setl_id", 30), packs), ct));
        return new { rx.HiRxno, RxStasCodg = RxStatus.Uploaded.RxStasCodg(), RxUsedStasCodg = EpcOutputs.UsedStatus(RxStates.Parse(rx.Status)), rx.Dispensings };
    }
}
