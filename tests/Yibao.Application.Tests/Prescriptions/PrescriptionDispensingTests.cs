using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Persons;
using Yibao.Application.Prescriptions;
using Yibao.Application.Reference;
using Yibao.Application.Settlements;
using Yibao.Application.Visits;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;
using static Yibao.Application.Tests.Prescriptions.RxFlow;

namespace Yibao.Application.Tests.Prescriptions;

/// <summary>The pharmacy side: scan, download, review, settle at the prescriber's level, write off; and every fraud refused and recorded.</summary>
public sealed class PrescriptionDispensingTests
{
    private static async Task<(TestApplication App, FakeTimeProvider Clock)> CreateAsync(string provider)
    {
        var clock = new FakeTimeProvider(Now);
        return (await TestApplication.CreateAsync(provider, clock), clock);
    }

    /// <summary>What the engine makes of the lines for Zhang Wei at the pharmacy, at <paramref name="prescriberLevel"/>, with his ledger as it stands.</summary>
    private static async Task<SettlementResult> EngineAsync(TestApplication app, int prescriberLevel, IEnumerable<FeeLineInput> lines) => await app.ReadAsync(async s =>
    {
        var reference = s.Use<ReferenceData>();
        var person = (await s.Use<FindPersonHandler>().HandleAsync(new FindPerson(ZhangWei, PersonReader.Institution(Pharmacy, "test")), default)).Ok();
        var policy = (await reference.PolicyAsync("330100", "310", 2026, default))!.Policy;
        var catalogue = (await reference.GovernedCatalogueAsync("330100", prescriberLevel, default))!.Catalogue;
        return SettlementEngine.Settle(new SettlementInput(
            policy,
            catalogue,
            new InsuredPerson("330100", "310", false, person.Ledger.Balance, person.Ledger.Accumulators),
            new SettlingInstitution("330100", 1, InstitutionKind.Pharmacy, PrescriberLevel: prescriberLevel),
            new Visit("14", Channel.Offline, VisitKind.FollowUp, true, Filing.None),
            [.. lines.Select(l => new FeeLine(l.Code, l.Price, l.Qty, l.Amount))])).Value;
    });

    private static readonly FeeLineInput[] Dispensed = [new("1", "XC08CAA001A001", null, 1.85m, 28m, 51.80m), new("2", "XC10AAA005A001", null, 3.6m, 28m, 100.80m)];

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_AHospitalPrescriptionAtThePharmacy_SettlesAtThePrescribersLevelToTheCent(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var (hiRxno, _) = await CirculatingAsync(app);
        var mdtrtId = await ReadyToSettleAsync(app, hiRxno);
        var expected = await EngineAsync(app, 3, Dispensed);
        var atThePharmacysLevel = await EngineAsync(app, 1, Dispensed);

        var settlement = (await SettleAsync(app, mdtrtId)).Ok();
        var row = await RowAsync(app, hiRxno);

        Assert.Equal((3, "14"), (settlement.EffectiveLevel, settlement.MedType));
        Assert.Equal(
            (expected.MedfeeSumamt, expected.FundPaySumamt, expected.AcctPay, expected.PsnCashPay, expected.OverlmtSelfpay, expected.PreselfpayAmt),
            (settlement.MedfeeSumamt, settlement.FundPaySumamt, settlement.AcctPay, settlement.PsnCashPay, settlement.OverlmtSelfpay, settlement.PreselfpayAmt));
        Assert.NotEqual(atThePharmacysLevel.FundPaySumamt, settlement.FundPaySumamt);
        Assert.Equal(("dispensed", 1, settlement.SetlId), (row.Status, row.Dispensings, row.SetlId));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task PreSettleVisit_SameDrugsFromTheInternetHospitalAndItsPhysicalHospital_SettleIdentically(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var random = new Random(13);

        // The property, over random quantities within what is prescribed: the channel never changes the result.
        for (var round = 0; round < 3; round++)
        {
            var amlodipine = random.Next(7, 29);
            var insulin = random.Next(1, 4);
            JsonArray Drugs() => [Drug("XC08CAA001A001", "Amlodipine", amlodipine, 1.85m, days: amlodipine), Drug("XA10AEI032B001", "Insulin glargine", insulin, 75m, frequency: "prn")];
            FeeLineInput[] lines = [new("1", "XC08CAA001A001", null, 1.85m, amlodipine, 1.85m * amlodipine), new("2", "XA10AEI032B001", null, 75m, insulin, 75m * insulin)];
            var results = new List<(decimal, decimal, decimal, decimal, decimal, decimal, int, string)>();
            foreach (var prescriber in new[] { Hospital, InternetHospital })
            {
                var (hiRxno, _) = await CirculatingAsync(app, prescriber, Drugs());
                var mdtrtId = await ReadyToSettleAsync(app, hiRxno, lines);
                var claim = (await app.CommitAsync(s => s.Use<PreSettleVisitHandler>().HandleAsync(new PreSettleVisit(mdtrtId, FromAccount), default))).Ok();
                results.Add((claim.MedfeeSumamt, claim.FundPaySumamt, claim.AcctPay, claim.PsnCashPay, claim.OverlmtSelfpay, claim.InscpScpAmt, claim.EffectiveLevel, claim.MedType));
                (await app.ReadAsync(s => s.Use<RevokePrescriptionHandler>().HandleAsync(new RevokePrescription(prescriber, hiRxno, null, null, null), default))).Refusal(); // held: not revocable
                await app.ReadAsync(s => s.Db.Prescriptions.Where(p => p.HiRxno == hiRxno).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, "revoked")));
            }

            Assert.Equal(results[0], results[1]);
            Assert.Equal((3, "14"), (results[0].Item7, results[0].Item8));
        }
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_MoreThanPrescribedOrANotPrescribedDrug_IsRefusedAndRecorded(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var (hiRxno, _) = await CirculatingAsync(app);
        var more = await ReadyToSettleAsync(app, hiRxno, [new("1", "XC08CAA001A001", null, 1.85m, 30m, 55.50m)]);
        var other = await DispensingVisitAsync(app, hiRxno, [new("1", "XA10BAA001A001", null, 0.5m, 10m, 5.00m)]);
        var unreviewed = await CirculatingAsync(app, drugs: [Drug("XA10BAA001A001", "Metformin", 28, 0.5m)]);
        (await DownloadAsync(app, await ScanAsync(app, unreviewed.HiRxno))).Ok();
        var unreviewedVisit = await DispensingVisitAsync(app, unreviewed.HiRxno, [new("1", "XA10BAA001A001", null, 0.5m, 28m, 14.00m)]);

        Assert.Equal("rx_quantity_exceeded", (await SettleAsync(app, more)).Refusal());
        Assert.Equal("rx_drug_not_prescribed", (await SettleAsync(app, other)).Refusal());
        Assert.Equal("rx_not_reviewed", (await SettleAsync(app, unreviewedVisit)).Refusal());
        Assert.Equal(["rx_quantity_exceeded", "rx_drug_not_prescribed"], await FraudAsync(app, hiRxno));
        Assert.Equal("dispensing", (await RowAsync(app, hiRxno)).Status);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task DownloadPrescription_AnotherPersonsPassOrAUsedCode_IsRefusedAndRecorded(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var (hiRxno, _) = await CirculatingAsync(app);
        var (other, _) = await CirculatingAsync(app, psnNo: "3301000000000002", drugs: [Drug("XA10BAA001A001", "Metformin", 28, 0.5m)]);
        var othersPass = await ScanAsync(app, other, "3301000000000002");
        var qr = await app.ReadAsync(s => Task.FromResult(s.Use<Yibao.Application.ECertificates.QrCodes>().IssuePrescription(ZhangWei, hiRxno).Content));
        (await app.CommitAsync(s => s.Use<DecodePrescriptionQrHandler>().HandleAsync(new DecodePrescriptionQr(qr, Pharmacy), default))).Ok();

        Assert.Equal("rx_not_own_patient", (await DownloadAsync(app, othersPass, hiRxno)).Refusal());
        Assert.Equal("rx_pass_used", (await app.CommitAsync(s => s.Use<DecodePrescriptionQrHandler>().HandleAsync(new DecodePrescriptionQr(qr, Pharmacy), default))).Refusal());
        Assert.Equal("rx_pass_invalid", (await DownloadAsync(app, othersPass, other, BeijingPharmacy)).Refusal()); // another pharmacy's pass
        Assert.Equal(["rx_not_own_patient"], await FraudAsync(app, hiRxno));
        Assert.Equal("uploaded", (await RowAsync(app, hiRxno)).Status);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task DownloadPrescription_ChangedAfterSigning_IsRefusedAsTamperedAndRecorded(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var tampered = new[]
        {
            ("rx_tampered", (Func<Storage.Entities.PrescriptionRow, string>)(r => r.Content.Replace("\"drugCnt\":28", "\"drugCnt\":280", StringComparison.Ordinal)), "content"),
            ("rx_tampered", r => Convert.ToBase64String("%PDF-1.7 another file"u8.ToArray()), "file"),
            ("rx_tampered", r => "9", "level"),
            ("rx_signature_missing", r => "", "signature"),
        };
        foreach (var (code, change, what) in tampered)
        {
            var (hiRxno, _) = await CirculatingAsync(app, drugs: [Drug("XC08CAA001A001", "Amlodipine", 28, 1.85m)], extra: new JsonObject { ["hospRxno"] = what });
            var row = await RowAsync(app, hiRxno);
            await app.ReadAsync(s => what switch
            {
                "content" => s.Db.Prescriptions.Where(p => p.HiRxno == hiRxno).ExecuteUpdateAsync(u => u.SetProperty(p => p.Content, change(row))),
                "file" => s.Db.Prescriptions.Where(p => p.HiRxno == hiRxno).ExecuteUpdateAsync(u => u.SetProperty(p => p.RxFile, change(row))),
                "level" => s.Db.Prescriptions.Where(p => p.HiRxno == hiRxno).ExecuteUpdateAsync(u => u.SetProperty(p => p.PrescriberLevel, 1)),
                _ => s.Db.Prescriptions.Where(p => p.HiRxno == hiRxno).ExecuteUpdateAsync(u => u.SetProperty(p => p.SignDigest, (string?)null)),
            });

            Assert.Equal(code, (await DownloadAsync(app, await ScanAsync(app, hiRxno), hiRxno)).Refusal());
            Assert.Equal([code], await FraudAsync(app, hiRxno));
            await app.ReadAsync(s => s.Db.Prescriptions.Where(p => p.HiRxno == hiRxno).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, "revoked")));
        }

        // Another institution's certificate put in place of the prescriber's.
        var (swapped, _) = await CirculatingAsync(app, drugs: [Drug("XC08CAA001A001", "Amlodipine", 28, 1.85m)]);
        var community = (await app.CommitAsync(s => s.Use<IssueSigningCertificateHandler>().HandleAsync(new IssueSigningCertificate(Community, "test"), default))).Ok();
        await app.ReadAsync(s => s.Db.Prescriptions.Where(p => p.HiRxno == swapped).ExecuteUpdateAsync(u => u.SetProperty(p => p.SignCertificate, community.CertificatePem)));
        Assert.Equal("rx_signer_mismatch", (await DownloadAsync(app, await ScanAsync(app, swapped), swapped)).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task WriteOffPrescription_AfterItsSettlement_SettlesItAndASecondDispensingIsRefused(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var (hiRxno, _) = await CirculatingAsync(app);
        var settlement = (await SettleAsync(app, await ReadyToSettleAsync(app, hiRxno))).Ok();
        DispensedPack[] packs = [new("XC08CAA001A001", "81234567890123456789"), new("XC10AAA005A001", "81234567890123456790")];
        Task<Domain.Result<Storage.Entities.PrescriptionRow>> WriteOffAsync(DispensedPack[] p, string setlId) =>
            app.CommitAsync(s => s.Use<WriteOffPrescriptionHandler>().HandleAsync(new WriteOffPrescription(hiRxno, Pharmacy, setlId, p), default));

        Assert.Equal("drug_trace_code_invalid", (await WriteOffAsync([new("XC08CAA001A001", "123")], settlement.SetlId)).Refusal());
        Assert.Equal("rx_not_held", (await WriteOffAsync(packs, "SETLNOPE")).Refusal());
        Assert.Equal("rx_drug_not_prescribed", (await WriteOffAsync([new("XA10BAA001A001", "81234567890123456791")], settlement.SetlId)).Refusal());
        var written = (await WriteOffAsync(packs, settlement.SetlId)).Ok();
        var traces = await app.ReadAsync(s => s.Db.DrugTraces.AsNoTracking().Where(t => t.HiRxno == hiRxno).CountAsync());

        Assert.Equal("settled", written.Status);
        Assert.Equal(2, traces);
        Assert.Equal("rx_already_dispensed", (await DownloadAsync(app, await ScanAsync(app, hiRxno))).Refusal());
        Assert.Equal("rx_already_dispensed", (await DownloadAsync(app, await ScanAsync(app, hiRxno, pharmacy: BeijingPharmacy), pharmacy: BeijingPharmacy)).Refusal());
        Assert.Equal(["rx_drug_not_prescribed", "rx_already_dispensed", "rx_already_dispensed"], await FraudAsync(app, hiRxno));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task CancelSettlement_OfADispensing_ReopensThePrescriptionAndIsNeverRestored(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        var (hiRxno, _) = await CirculatingAsync(app);
        var settlement = (await SettleAsync(app, await ReadyToSettleAsync(app, hiRxno))).Ok();

        (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(settlement.SetlId, Pharmacy), default))).Ok();
        var reopened = await RowAsync(app, hiRxno);
        var restore = (await app.CommitAsync(s => s.Use<RestoreSettlementHandler>().HandleAsync(new RestoreSettlement(settlement.SetlId, Pharmacy), default))).Refusal();

        Assert.Equal(("uploaded", 0, null), (reopened.Status, reopened.Dispensings, reopened.HeldBy));
        Assert.Equal("reversal_not_possible", restore);
        (await DownloadAsync(app, await ScanAsync(app, hiRxno, pharmacy: BeijingPharmacy), pharmacy: BeijingPharmacy)).Ok();
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task DownloadPrescription_AfterExpiryOrTooSoonForAReuse_IsRefusedByTheClock(string provider)
    {
        var (app, clock) = await CreateAsync(provider);
        await using var _app = app;
        var reuse = new JsonObject { ["reptFlag"] = "1", ["maxReptCnt"] = 2, ["minInrvDays"] = 1 };
        var (repeat, _) = await CirculatingAsync(app, drugs: [Drug("XC08CAA001A001", "Amlodipine", 1, 1.85m, days: 1)], extra: reuse);
        var (once, _) = await CirculatingAsync(app, drugs: [Drug("XA10BAA001A001", "Metformin", 28, 0.5m)]);
        var first = (await SettleAsync(app, await ReadyToSettleAsync(app, repeat, [new("1", "XC08CAA001A001", null, 1.85m, 1m, 1.85m)]))).Ok();
        (await app.CommitAsync(s => s.Use<WriteOffPrescriptionHandler>().HandleAsync(new WriteOffPrescription(repeat, Pharmacy, first.SetlId, []), default))).Ok();

        Assert.Equal("uploaded", (await RowAsync(app, repeat)).Status); // one more dispensing allowed
        Assert.Equal("rx_reuse_too_soon", (await DownloadAsync(app, await ScanAsync(app, repeat))).Refusal());
        clock.Advance(TimeSpan.FromDays(1.5));
        (await DownloadAsync(app, await ScanAsync(app, repeat))).Ok();
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal("rx_expired", (await DownloadAsync(app, await ScanAsync(app, once))).Refusal());
        Assert.Equal(["rx_expired"], await FraudAsync(app, once));
        var shown = (await app.ReadAsync(s => s.Use<ListPersonPrescriptionsHandler>().HandleAsync(new ListPersonPrescriptions(ZhangWei), default))).Ok();
        Assert.Equal(Domain.Prescriptions.RxStatus.Expired, shown.Single(p => p.Prescription.HiRxno == once).Shown);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task DownloadPrescription_TwoPharmaciesAtTheSameMoment_ExactlyOneWins(string provider)
    {
        var (app, _) = await CreateAsync(provider);
        await using var _app = app;
        for (var round = 0; round < 5; round++)
        {
            var (hiRxno, _) = await CirculatingAsync(app, drugs: [Drug("XC08CAA001A001", "Amlodipine", 28, 1.85m)], extra: new JsonObject { ["hospRxno"] = $"R{round}" });
            var here = await ScanAsync(app, hiRxno);
            var beijing = await ScanAsync(app, hiRxno, pharmacy: BeijingPharmacy);
            using var start = new Barrier(2);
            var outcomes = await Task.WhenAll(
                Task.Run(async () => { start.SignalAndWait(); return await DownloadAsync(app, here); }),
                Task.Run(async () => { start.SignalAndWait(); return await DownloadAsync(app, beijing, pharmacy: BeijingPharmacy); }));
            var row = await RowAsync(app, hiRxno);

            Assert.Single(outcomes, o => o.IsSuccess);
            Assert.Contains(outcomes.Single(o => !o.IsSuccess).Error!.Code, new[] { "rx_held_elsewhere", "concurrent_update" });
            Assert.Equal(outcomes[0].IsSuccess ? Pharmacy : BeijingPharmacy, row.HeldBy);
            await app.ReadAsync(s => s.Db.Prescriptions.Where(p => p.HiRxno == hiRxno).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, "settled")));
        }
    }
}
