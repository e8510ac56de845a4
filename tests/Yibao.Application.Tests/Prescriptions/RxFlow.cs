using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.ECertificates;
using Yibao.Application.Prescriptions;
using Yibao.Application.Settlements;
using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Prescriptions;

/// <summary>A prescription's way through the use cases, as the hospital, the patient's phone and the pharmacy take it.</summary>
internal static class RxFlow
{
    public const string Pharmacy = "P33010000001";
    public const string BeijingPharmacy = "P11010000001";
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Amlodipine 28 tablets (a month, once a day) and atorvastatin 28 tablets, as a doctor writes them.</summary>
    public static JsonArray TwoDrugs() =>
    [
        Drug("XC08CAA001A001", "Amlodipine besylate tablets", 28, 1.85m),
        Drug("XC10AAA005A001", "Atorvastatin calcium tablets", 28, 3.6m),
    ];

    public static JsonObject Drug(string code, string name, decimal count, decimal price, string frequency = "qd", int days = 28) => new()
    {
        ["medListCodg"] = code, ["drugGenname"] = name, ["rxItemTypeCode"] = "11", ["medcWayCodg"] = "1", ["medcDays"] = days,
        ["sinDoscnt"] = 1, ["sinDosunt"] = "tablet", ["usedFrquCodg"] = frequency, ["drugCnt"] = count, ["drugDosunt"] = "tablet",
        ["drugPric"] = price, ["drugSumamt"] = count * price,
    };

    /// <summary>The pre-check input for a prescription written at <paramref name="mdtrtId"/>.</summary>
    public static JsonObject Document(string mdtrtId, string psnNo = ZhangWei, JsonArray? drugs = null, string biz = "01", int valiDays = 3, string hospRxno = "HRX-1", DateTimeOffset? prescribed = null, JsonObject? extra = null)
    {
        var document = new JsonObject
        {
            ["mdtrtCertType"] = "02",
            ["bizTypeCode"] = biz,
            ["rxExraAttrCode"] = "01",
            ["hospRxno"] = hospRxno,
            ["rxTypeCode"] = "1",
            ["prscTime"] = (prescribed ?? Now).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["valiDays"] = valiDays,
            ["reptFlag"] = "0",
            ["rxdrugdetail"] = drugs ?? TwoDrugs(),
            ["mdtrtinfo"] = new JsonObject
            {
                ["mdtrtId"] = mdtrtId, ["medType"] = "14", ["psnNo"] = psnNo, ["maindiagCode"] = "I10", ["diseName"] = "Hypertension",
                ["drCode"] = "D0001", ["prscDrName"] = "Dr. Li",
            },
            ["diseinfo"] = new JsonArray(new JsonObject { ["diagType"] = "1", ["maindiagFlag"] = "1", ["diagCode"] = "I10", ["diagName"] = "Hypertension" }),
        };
        foreach (var (key, value) in extra ?? [])
        {
            document[key] = value?.DeepClone();
        }

        return document;
    }

    /// <summary>A chronic-disease visit (hypertension) at <paramref name="institution"/> (an online follow-up at an internet hospital) with nothing uploaded.</summary>
    public static async Task<string> VisitAsync(TestApplication app, string institution = Hospital, string psnNo = ZhangWei) =>
        (await app.CommitAsync(s => s.Use<RegisterVisitHandler>().HandleAsync(new RegisterVisit(psnNo, null, institution, "14", DiseCodg: "I10"), default))).Ok().MdtrtId;

    public static Task<Result<PrecheckedPrescription>> PrecheckAsync(TestApplication app, JsonObject document, string institution = Hospital) =>
        app.ReadAsync(s => s.Use<PrecheckPrescriptionHandler>().HandleAsync(new PrecheckPrescription(institution, document), default));

    /// <summary>The upload's fields for a pre-checked prescription.</summary>
    public static JsonObject UploadFields(PrecheckedPrescription rx, string mdtrtId, string patient = "Zhang Wei") => new()
    {
        ["rxTraceCode"] = rx.RxTraceCode, ["hiRxno"] = rx.HiRxno, ["mdtrtId"] = mdtrtId, ["patnName"] = patient, ["psnCertType"] = "01",
        ["certno"] = "330106196803140013", ["fixmedinsName"] = "Hangzhou First People's Hospital", ["drCode"] = "D0001", ["prscDrName"] = "Dr. Li",
        ["pharName"] = "Pharmacist Wu", ["pharCode"] = "PH001", ["pharChkTime"] = "2026-11-20 10:05:00",
    };

    public static readonly string RxFile = Convert.ToBase64String(Encoding.UTF8.GetBytes("%PDF-1.7 prescription HRX-1"));

    public static Task<Result<PrescriptionSignature>> SignAsync(TestApplication app, JsonObject fields, string file, string institution = Hospital) =>
        app.ReadAsync(s => s.Use<SignPrescriptionHandler>().HandleAsync(new SignPrescription(institution, Convert.ToBase64String(Encoding.UTF8.GetBytes(fields.ToJsonString())), file), default));

    public static Task<Result<UploadedPrescription>> UploadAsync(TestApplication app, JsonObject fields, string institution = Hospital) =>
        app.ReadAsync(s => s.Use<UploadPrescriptionHandler>().HandleAsync(new UploadPrescription(institution, fields), default));

    /// <summary>A prescription written at <paramref name="institution"/>, pre-checked, signed and uploaded: circulating.</summary>
    public static async Task<(string HiRxno, string MdtrtId)> CirculatingAsync(TestApplication app, string institution = Hospital, JsonArray? drugs = null, string psnNo = ZhangWei, JsonObject? extra = null)
    {
        var mdtrtId = await VisitAsync(app, institution, psnNo);
        var biz = institution is InternetHospital ? "02" : "01";
        var rx = (await PrecheckAsync(app, Document(mdtrtId, psnNo, drugs, biz, extra: extra), institution)).Ok();
        var fields = UploadFields(rx, mdtrtId);
        var signature = (await SignAsync(app, fields, RxFile, institution)).Ok();
        fields["rxFile"] = signature.RxFile;
        fields["signDigest"] = signature.SignDigest;
        (await UploadAsync(app, fields, institution)).Ok();
        return (rx.HiRxno, mdtrtId);
    }

    /// <summary>The pass the pharmacy gets by scanning the patient's prescription QR code (7201).</summary>
    public static async Task<string> ScanAsync(TestApplication app, string hiRxno, string psnNo = ZhangWei, string pharmacy = Pharmacy)
    {
        var qr = await app.ReadAsync(s => Task.FromResult(s.Use<QrCodes>().IssuePrescription(psnNo, hiRxno).Content));
        return (await app.CommitAsync(s => s.Use<DecodePrescriptionQrHandler>().HandleAsync(new DecodePrescriptionQr(qr, pharmacy), default))).Ok().Token.Pass;
    }

    public static Task<Result<DownloadedPrescription>> DownloadAsync(TestApplication app, string pass, string? hiRxno = null, string pharmacy = Pharmacy) =>
        app.CommitAsync(s => s.Use<DownloadPrescriptionHandler>().HandleAsync(new DownloadPrescription(pass, hiRxno, pharmacy), default));

    public static async Task ReviewAsync(TestApplication app, string hiRxno, string pharmacy = Pharmacy) =>
        (await app.CommitAsync(s => s.Use<ReviewPrescriptionHandler>().HandleAsync(new ReviewPrescription(hiRxno, pharmacy, "1", "appropriate", "Pharmacist Qian", null, null), default))).Ok();

    /// <summary>The pharmacy's visit for the patient with the lines it dispenses, each naming the prescription.</summary>
    public static async Task<string> DispensingVisitAsync(TestApplication app, string hiRxno, FeeLineInput[]? lines = null, string pharmacy = Pharmacy, string psnNo = ZhangWei)
    {
        var visit = (await app.CommitAsync(s => s.Use<RegisterVisitHandler>().HandleAsync(new RegisterVisit(psnNo, null, pharmacy, "41"), default))).Ok();
        lines ??= [new("1", "XC08CAA001A001", null, 1.85m, 28m, 51.80m), new("2", "XC10AAA005A001", null, 3.6m, 28m, 100.80m)];
        (await app.CommitAsync(s => s.Use<UploadFeesHandler>().HandleAsync(new UploadFees(visit.MdtrtId, [.. lines.Select(l => l with { Rxno = hiRxno, RxCircFlag = true })]), default))).Ok();
        return visit.MdtrtId;
    }

    public static Task<Result<Storage.Entities.SettlementRow>> SettleAsync(TestApplication app, string mdtrtId) =>
        app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount), default));

    /// <summary>Scanned, downloaded, reviewed, and the dispensing visit open: ready to settle.</summary>
    public static async Task<string> ReadyToSettleAsync(TestApplication app, string hiRxno, FeeLineInput[]? lines = null, string pharmacy = Pharmacy)
    {
        var pass = await ScanAsync(app, hiRxno, pharmacy: pharmacy);
        (await DownloadAsync(app, pass, pharmacy: pharmacy)).Ok();
        await ReviewAsync(app, hiRxno, pharmacy);
        return await DispensingVisitAsync(app, hiRxno, lines, pharmacy);
    }

    public static Task<Storage.Entities.PrescriptionRow> RowAsync(TestApplication app, string hiRxno) =>
        app.ReadAsync(s => s.Db.Prescriptions.AsNoTracking().SingleAsync(p => p.HiRxno == hiRxno));

    /// <summary>The codes of the refusals recorded as fraud for the prescription (or for none).</summary>
    public static Task<List<string?>> FraudAsync(TestApplication app, string? hiRxno) =>
        app.ReadAsync(s => s.Db.PrescriptionEvents.AsNoTracking().Where(e => e.Fraud && e.HiRxno == hiRxno).OrderBy(e => e.Id).Select(e => e.Code).ToListAsync());
}
