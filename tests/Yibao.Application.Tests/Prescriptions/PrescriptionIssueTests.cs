using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Prescriptions;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;
using static Yibao.Application.Tests.Prescriptions.RxFlow;

namespace Yibao.Application.Tests.Prescriptions;

/// <summary>The hospital side: pre-check, signature, upload, revocation, on a real database of each provider.</summary>
public sealed class PrescriptionIssueTests
{
    private static Task<TestApplication> CreateAsync(string provider) => TestApplication.CreateAsync(provider, new FakeTimeProvider(Now));

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task PrecheckPrescription_AHospitalPrescription_AnswersItsNumbersAndKeepsItPrechecked(string provider)
    {
        await using var app = await CreateAsync(provider);
        var mdtrtId = await VisitAsync(app);

        var rx = (await PrecheckAsync(app, Document(mdtrtId))).Ok();
        var row = await RowAsync(app, rx.HiRxno);

        Assert.Equal(20, rx.RxTraceCode.Length);
        Assert.Equal(Now.AddDays(3), rx.ValiEndTime);
        Assert.Equal(("prechecked", 3, "14", ZhangWei), (row.Status, row.PrescriberLevel, row.MedType, row.PsnNo));
        Assert.DoesNotContain("mdtrtCertNo", row.Content, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task PrecheckPrescription_EachFailedCheck_RefusesWithItsCode(string provider)
    {
        await using var app = await CreateAsync(provider);
        var mdtrtId = await VisitAsync(app);
        var online = await VisitAsync(app, InternetHospital);
        async Task<string> RefusalAsync(JsonObject document, string institution = Hospital) => (await PrecheckAsync(app, document, institution)).Refusal();

        Assert.Equal("rx_invalid", await RefusalAsync(new JsonObject { ["bizTypeCode"] = "01" }));
        Assert.Equal("rx_visit_not_found", await RefusalAsync(Document("MDNOPE")));
        Assert.Equal("rx_visit_not_found", await RefusalAsync(Document(mdtrtId), Community)); // another institution's visit
        Assert.Equal("rx_visit_of_another_patient", await RefusalAsync(Document(mdtrtId, WangFang)));
        Assert.Equal("rx_online_not_follow_up", await RefusalAsync(Document(mdtrtId, biz: "02")));
        Assert.Equal("rx_online_not_follow_up", await RefusalAsync(Document(online, biz: "01"), InternetHospital));
        Assert.Equal("rx_drug_not_in_catalogue", await RefusalAsync(Document(mdtrtId, drugs: [Drug("XX0000", "Unknown", 10, 1m)])));
        Assert.Equal("rx_drug_not_in_catalogue", await RefusalAsync(Document(mdtrtId, drugs: [Drug("110200001", "A consultation", 1, 25m)])));
        Assert.Equal("rx_quantity_over_course", await RefusalAsync(Document(mdtrtId, drugs: [Drug("XC08CAA001A001", "Amlodipine", 90, 1.85m)]))); // 28 days × 1 × qd
        Assert.Equal("rx_validity_too_long", await RefusalAsync(Document(mdtrtId, valiDays: 4)));

        (await PrecheckAsync(app, Document(mdtrtId, hospRxno: "HRX-A"))).Ok();
        Assert.Equal("rx_duplicate_therapy", await RefusalAsync(Document(mdtrtId, hospRxno: "HRX-B", drugs: [Drug("XC08CAA001A001", "Amlodipine", 14, 1.85m, days: 14)])));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task PrecheckPrescription_OnlineFollowUpWithoutAnEarlierDiagnosis_IsRefusedByTheFollowUpRule(string provider)
    {
        await using var app = await CreateAsync(provider);

        // Wang Fang has no chronic registration and no offline visit for I10: an online visit cannot be her follow-up.
        var visit = await app.CommitAsync(s => s.Use<Yibao.Application.Visits.RegisterVisitHandler>().HandleAsync(new Yibao.Application.Visits.RegisterVisit(WangFang, null, InternetHospital, "11"), default));
        var refused = (await PrecheckAsync(app, Document(visit.Ok().MdtrtId, WangFang, biz: "02"), InternetHospital)).Refusal();

        Assert.Equal("followup_not_verified", refused);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task PrecheckPrescription_AgainBeforeTheUpload_ReplacesTheEarlierOne(string provider)
    {
        await using var app = await CreateAsync(provider);
        var mdtrtId = await VisitAsync(app);

        var first = (await PrecheckAsync(app, Document(mdtrtId))).Ok();
        var second = (await PrecheckAsync(app, Document(mdtrtId))).Ok();

        Assert.Equal("revoked", (await RowAsync(app, first.HiRxno)).Status);
        Assert.Equal("prechecked", (await RowAsync(app, second.HiRxno)).Status);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SignPrescription_APrecheckedPrescription_SignsWithTheInstitutionsCertificateOverContentAndFile(string provider)
    {
        await using var app = await CreateAsync(provider);
        var mdtrtId = await VisitAsync(app);
        var rx = (await PrecheckAsync(app, Document(mdtrtId))).Ok();

        var signature = (await SignAsync(app, UploadFields(rx, mdtrtId), RxFile)).Ok();
        var row = await RowAsync(app, rx.HiRxno);
        var platform = (await app.ReadAsync(s => s.Use<GetPlatformCertificateHandler>().HandleAsync(new GetPlatformCertificate(), default))).Ok();
        var certificate = SigningCertificates.Read(row.SignCertificate!);
        var key = (Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters)certificate.GetPublicKey();

        Assert.Equal("signed", row.Status);
        Assert.Contains("CN=H33010000001", signature.SignCertDn, StringComparison.Ordinal);
        Assert.True(SigningCertificates.Vouches(certificate, SigningCertificates.Read(platform), Hospital, Now));
        Assert.True(PrescriptionSeal.Verifies(key, PrescriptionSeal.SignedText(row.Content, RxFile), signature.SignDigest));
        Assert.False(PrescriptionSeal.Verifies(key, PrescriptionSeal.SignedText(row.Content.Replace("\"drugCnt\":28", "\"drugCnt\":56", StringComparison.Ordinal), RxFile), signature.SignDigest));
        Assert.Equal("rx_trace_code_invalid", (await SignAsync(app, UploadFields(rx with { RxTraceCode = "00000000000000000000" }, mdtrtId), RxFile)).Refusal());
        Assert.Equal("rx_not_found", (await SignAsync(app, UploadFields(rx, mdtrtId), RxFile, Community)).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task UploadPrescription_SignedAndUnchanged_Circulates(string provider)
    {
        await using var app = await CreateAsync(provider);

        var (hiRxno, _) = await CirculatingAsync(app);
        var row = await RowAsync(app, hiRxno);
        var history = await app.ReadAsync(s => s.Db.PrescriptionEvents.AsNoTracking().Where(e => e.HiRxno == hiRxno).OrderBy(e => e.Id).Select(e => e.Event).ToListAsync());

        Assert.Equal("uploaded", row.Status);
        Assert.Equal(["precheck", "sign", "upload"], history);
        Assert.Empty(await FraudAsync(app, hiRxno));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task UploadPrescription_ChangedUnsignedOrAnotherCertificate_IsRefusedAndRecorded(string provider)
    {
        await using var app = await CreateAsync(provider);
        var mdtrtId = await VisitAsync(app);
        var rx = (await PrecheckAsync(app, Document(mdtrtId))).Ok();
        var fields = UploadFields(rx, mdtrtId);
        var unsigned = (await UploadAsync(app, fields)).Refusal();
        var signature = (await SignAsync(app, fields, RxFile)).Ok();
        JsonObject Signed(Action<JsonObject>? change = null)
        {
            var copy = (JsonObject)fields.DeepClone();
            copy["rxFile"] = signature.RxFile;
            copy["signDigest"] = signature.SignDigest;
            change?.Invoke(copy);
            return copy;
        }

        var changedField = (await UploadAsync(app, Signed(f => f["patnName"] = "Zhang Wei Jr."))).Refusal();
        var changedFile = (await UploadAsync(app, Signed(f => f["rxFile"] = Convert.ToBase64String("%PDF-1.7 altered"u8.ToArray())))).Refusal();
        var forged = (await UploadAsync(app, Signed(f => f["signDigest"] = PrescriptionSeal.Sign(NationalCrypto.PrivateKey(NationalCrypto.NewKeyPair().PrivateKey), "anything")))).Refusal();
        var otherCertificate = (await UploadAsync(app, Signed(f => f["signCertSn"] = "ABCDEF"))).Refusal();
        var missing = (await UploadAsync(app, Signed(f => f.Remove("signDigest")))).Refusal();
        (await UploadAsync(app, Signed())).Ok();
        var reused = (await UploadAsync(app, Signed())).Refusal();

        Assert.Equal("rx_signature_missing", unsigned);
        Assert.Equal(("rx_signature_invalid", "rx_signature_invalid", "rx_signature_invalid"), (changedField, changedFile, forged));
        Assert.Equal("rx_signer_mismatch", otherCertificate);
        Assert.Equal("rx_signature_missing", missing);
        Assert.Equal("rx_trace_code_used", reused);
        Assert.Equal(["rx_signature_missing", "rx_signature_invalid", "rx_signature_invalid", "rx_signature_invalid", "rx_signer_mismatch", "rx_signature_missing"], await FraudAsync(app, rx.HiRxno));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RevokePrescription_BeforeAndWhileDispensing_RevokesOnlyBefore(string provider)
    {
        await using var app = await CreateAsync(provider);
        var (first, _) = await CirculatingAsync(app);
        async Task<Domain.Result<UploadedPrescription>> RevokeAsync(string hiRxno) =>
            await app.ReadAsync(s => s.Use<RevokePrescriptionHandler>().HandleAsync(new RevokePrescription(Hospital, hiRxno, "D0001", "Dr. Li", "wrong dose"), default));

        var revoked = (await RevokeAsync(first)).Ok();
        var (second, _) = await CirculatingAsync(app, drugs: [Drug("XA10BAA001A001", "Metformin", 28, 0.5m)]);
        (await DownloadAsync(app, await ScanAsync(app, second))).Ok();

        Assert.Equal("3", revoked.RxStasCodg);
        Assert.Equal("rx_already_dispensed", (await RevokeAsync(second)).Refusal());
        Assert.Equal("rx_not_found", (await app.ReadAsync(s => s.Use<RevokePrescriptionHandler>().HandleAsync(new RevokePrescription(Community, second, null, null, null), default))).Refusal());
        Assert.Equal("rx_revoked", (await DownloadAsync(app, await ScanAsync(app, first))).Refusal());
        Assert.Equal(["rx_revoked"], await FraudAsync(app, first));
    }
}
