using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.ECertificates;
using Yibao.Application.Prescriptions;
using Yibao.Domain.Prescriptions;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;
using static Yibao.Application.Tests.Prescriptions.RxFlow;

namespace Yibao.Application.Tests.Prescriptions;

/// <summary>Who sees which prescription, the patient's and the pharmacy's lists, the pharmacy's review and delivery.</summary>
public sealed class PrescriptionQueryTests
{
    private static Task<TestApplication> CreateAsync(string provider) => TestApplication.CreateAsync(provider, new FakeTimeProvider(Now));

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task DecodePrescriptionQr_ACertificatesOrAForgedCode_IsRefused(string provider)
    {
        await using var app = await CreateAsync(provider);
        var (hiRxno, _) = await CirculatingAsync(app);
        var certificateQr = await app.ReadAsync(s => Task.FromResult(s.Use<QrCodes>().Issue(ZhangWei).Content));
        var genuine = await app.ReadAsync(s => Task.FromResult(s.Use<QrCodes>().IssuePrescription(ZhangWei, hiRxno).Content));
        Task<Domain.Result<DecodedPrescriptionQr>> DecodeAsync(string qr) => app.CommitAsync(s => s.Use<DecodePrescriptionQrHandler>().HandleAsync(new DecodePrescriptionQr(qr, Pharmacy), default));

        Assert.Equal("rx_pass_invalid", (await DecodeAsync(certificateQr)).Refusal());
        Assert.Equal("rx_pass_invalid", (await DecodeAsync("YBRX1." + certificateQr[6..])).Refusal()); // the prefix is signed too
        Assert.Equal("rx_pass_invalid", (await DecodeAsync(genuine[..^4] + "AAAA")).Refusal());
        var decoded = (await DecodeAsync(genuine)).Ok();
        Assert.Equal((ZhangWei, hiRxno, 64), (decoded.Person.PsnNo, decoded.Token.HiRxno, decoded.Token.Pass.Length));
        Assert.Equal(1, await app.ReadAsync(s => s.Db.PersonAccessRecords.CountAsync(a => a.Purpose == "rx-qr-decode" && a.Actor == Pharmacy)));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListCirculatingPrescriptions_ThePatientsECertificate_ListsWhatMayBeDispensedWithSingleUseAuthorizations(string provider)
    {
        await using var app = await CreateAsync(provider);
        var (hiRxno, _) = await CirculatingAsync(app);
        var qr = await app.ReadAsync(s => Task.FromResult(s.Use<QrCodes>().Issue(ZhangWei).Content));
        var ecToken = (await app.ReadAsync(s => s.Use<DecodeQrCodeHandler>().HandleAsync(new DecodeQrCode(qr, "101", Pharmacy), default))).Ok().Token.EcToken;

        var list = (await app.CommitAsync(s => s.Use<ListCirculatingPrescriptionsHandler>().HandleAsync(new ListCirculatingPrescriptions("01", ecToken, Pharmacy), default))).Ok();
        var byIdNumber = (await app.CommitAsync(s => s.Use<ListCirculatingPrescriptionsHandler>().HandleAsync(new ListCirculatingPrescriptions("02", "330106196803140013", Pharmacy), default))).Refusal();
        var elsewhere = (await app.CommitAsync(s => s.Use<ListCirculatingPrescriptionsHandler>().HandleAsync(new ListCirculatingPrescriptions("01", ecToken, BeijingPharmacy), default))).Refusal();
        var auth = list.Single().AuthRxno;

        Assert.Equal((hiRxno, "Hypertension"), (list.Single().Prescription.HiRxno, list.Single().DiagName));
        Assert.Equal(("rx_pass_invalid", "rx_pass_invalid"), (byIdNumber, elsewhere));
        (await DownloadAsync(app, auth, hiRxno)).Ok();
        Assert.Equal("rx_pass_used", (await DownloadAsync(app, auth, hiRxno)).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetPrescription_EachViewer_SeesOnlyWhatIsTheirsAndAChangeIsCaught(string provider)
    {
        await using var app = await CreateAsync(provider);
        var (hiRxno, _) = await CirculatingAsync(app);
        Task<Domain.Result<PrescriptionView>> GetAsync(Viewer viewer) => app.ReadAsync(s => s.Use<GetPrescriptionHandler>().HandleAsync(new GetPrescription(hiRxno, viewer), default));

        var prescriber = (await GetAsync(Viewer.Institution(Hospital, "epc"))).Ok();
        var patient = (await GetAsync(Viewer.Person(ZhangWei))).Ok();
        Assert.Equal("rx_not_found", (await GetAsync(Viewer.Institution(Community, "epc"))).Refusal());
        Assert.Equal("rx_not_found", (await GetAsync(Viewer.Person(WangFang))).Refusal());
        Assert.Equal("rx_not_found", (await GetAsync(Viewer.Institution(Pharmacy, "gateway"))).Refusal()); // until it downloads it

        await app.ReadAsync(s => s.Db.Prescriptions.Where(p => p.HiRxno == hiRxno).ExecuteUpdateAsync(u => u.SetProperty(p => p.Content, p => p.Content.Replace("Hypertension", "Diabetes"))));
        var tampered = (await GetAsync(Viewer.Institution(Hospital, "epc"))).Refusal();
        var staff = (await GetAsync(Viewer.Staff("auditor"))).Ok();

        Assert.Equal((RxStatus.Uploaded, 2, null), (prescriber.Shown, prescriber.Drugs.Count, prescriber.Seal));
        Assert.Equal(["precheck", "sign", "upload"], patient.History.Select(e => e.Event));
        Assert.Equal("rx_tampered", tampered);
        Assert.Equal("rx_tampered", staff.Seal?.Code);
        Assert.Equal(["rx_tampered"], await FraudAsync(app, hiRxno));
        Assert.Equal(2, await app.ReadAsync(s => s.Db.PersonAccessRecords.CountAsync(a => a.Purpose == "rx-read")));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListPersonPrescriptions_ThePatient_SeesTheirCirculatingPrescriptionsNewestFirst(string provider)
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = await TestApplication.CreateAsync(provider, clock);
        var (first, _) = await CirculatingAsync(app);
        clock.Advance(TimeSpan.FromMinutes(5));
        var later = Now.AddMinutes(5).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var (second, _) = await CirculatingAsync(app, drugs: [Drug("XA10BAA001A001", "Metformin", 28, 0.5m)], extra: new() { ["hospRxno"] = "HRX-2", ["prscTime"] = later });
        (await PrecheckAsync(app, Document(await VisitAsync(app), drugs: [Drug("XA10AEI032B001", "Insulin", 1, 75m, frequency: "prn")], hospRxno: "HRX-3"))).Ok(); // not uploaded: not shown

        var mine = (await app.ReadAsync(s => s.Use<ListPersonPrescriptionsHandler>().HandleAsync(new ListPersonPrescriptions(ZhangWei), default))).Ok();
        var hers = (await app.ReadAsync(s => s.Use<ListPersonPrescriptionsHandler>().HandleAsync(new ListPersonPrescriptions(WangFang), default))).Ok();

        Assert.Equal([second, first], mine.Select(p => p.Prescription.HiRxno));
        Assert.Equal("Hangzhou First People's Hospital", mine[0].InstitutionName);
        Assert.Empty(hers);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ReviewPrescription_ByThePharmacyHoldingIt_IsRecordedAndOthersAreRefused(string provider)
    {
        await using var app = await CreateAsync(provider);
        var (hiRxno, _) = await CirculatingAsync(app);
        Task<Domain.Result<Storage.Entities.PrescriptionRow>> ReviewAsync(string pharmacy, string status = "1") =>
            app.CommitAsync(s => s.Use<ReviewPrescriptionHandler>().HandleAsync(new ReviewPrescription(hiRxno, pharmacy, status, "ok", "Pharmacist Qian", null, null), default));

        Assert.Equal("rx_not_held", (await ReviewAsync(Pharmacy)).Refusal());
        (await DownloadAsync(app, await ScanAsync(app, hiRxno))).Ok();
        Assert.Equal("rx_invalid", (await ReviewAsync(Pharmacy, "9")).Refusal());
        Assert.Equal("rx_not_held", (await ReviewAsync(BeijingPharmacy)).Refusal());
        var reviewed = (await ReviewAsync(Pharmacy)).Ok();

        Assert.Equal(("1", "Pharmacist Qian"), (reviewed.RxChkStasCodg, reviewed.RxChkPharName));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RecordDelivery_ByThePharmacyHoldingIt_KeepsTheStatusInTheHistory(string provider)
    {
        await using var app = await CreateAsync(provider);
        var (hiRxno, _) = await CirculatingAsync(app);
        Task<Domain.Result<Storage.Entities.PrescriptionRow>> DeliverAsync() =>
            app.CommitAsync(s => s.Use<RecordDeliveryHandler>().HandleAsync(new RecordDelivery(hiRxno, Pharmacy, "2", "courier on the way"), default));

        Assert.Equal("rx_not_held", (await DeliverAsync()).Refusal());
        (await DownloadAsync(app, await ScanAsync(app, hiRxno))).Ok();
        Assert.Equal("2", (await DeliverAsync()).Ok().DelvStasCodg);
        Assert.Contains(await app.ReadAsync(s => s.Db.PrescriptionEvents.Where(e => e.HiRxno == hiRxno).Select(e => e.Event).ToListAsync()), e => e == "delivery");
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SearchPrescriptions_ByPatientInstitutionAndState_FindsThemAndCountsFraud(string provider)
    {
        await using var app = await CreateAsync(provider);
        var (first, _) = await CirculatingAsync(app);
        var (second, _) = await CirculatingAsync(app, InternetHospital, [Drug("XA10BAA001A001", "Metformin", 28, 0.5m)]);
        (await DownloadAsync(app, await ScanAsync(app, second))).Ok();
        Task<PrescriptionPage> SearchAsync(string? psnNo, string? institution, string? status) =>
            app.ReadAsync(async s => (await s.Use<SearchPrescriptionsHandler>().HandleAsync(new SearchPrescriptions(psnNo, institution, status), default)).Ok());

        Assert.Equal(2, (await SearchAsync(ZhangWei, null, null)).Total);
        Assert.Equal([first], (await SearchAsync(null, Hospital, null)).Items.Select(i => i.Prescription.HiRxno));
        Assert.Equal([second], (await SearchAsync(null, Pharmacy, null)).Items.Select(i => i.Prescription.HiRxno)); // the pharmacy dispensing it
        Assert.Equal([second], (await SearchAsync(null, null, "dispensing")).Items.Select(i => i.Prescription.HiRxno));
        Assert.Equal(0, (await SearchAsync(WangFang, null, null)).Total);
    }
}
