using Microsoft.EntityFrameworkCore;
using Yibao.Application.Visits;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Visits;

/// <summary>The visit use cases on a real database of each provider.</summary>
public sealed class VisitTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RegisterVisit_EachRule_RegistersOrRefuses(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        Task<Domain.Result<Storage.Entities.VisitRow>> Register(RegisterVisit command) => app.CommitAsync(s => s.Use<RegisterVisitHandler>().HandleAsync(command, default));

        var offline = (await Register(new RegisterVisit(ZhangWei, null, Hospital, "11"))).Ok();
        var byCertno = (await Register(new RegisterVisit(null, "330106196803140013", Hospital, "11"))).Ok();

        Assert.Equal((Channel.Offline.ToName(), "none", VisitStatus.Registered), (offline.Channel, offline.Filing, offline.Status));
        Assert.Equal(ZhangWei, byCertno.PsnNo);
        Assert.Equal("unknown_med_type", (await Register(new RegisterVisit(ZhangWei, null, Hospital, "99"))).Refusal());
        Assert.Equal("person_not_found", (await Register(new RegisterVisit("NOPE", null, Hospital, "11"))).Refusal());
        Assert.Equal("institution_not_found", (await Register(new RegisterVisit(ZhangWei, null, "NOPE", "11"))).Refusal());
        Assert.Equal("channel_mismatch", (await Register(new RegisterVisit(ZhangWei, null, Hospital, "11", Channel.Online))).Refusal());
        Assert.Equal("online_first_visit", (await Register(new RegisterVisit(ZhangWei, null, InternetHospital, "11", VisitKind: VisitKind.First))).Refusal());
        Assert.Equal("followup_not_verified", (await Register(new RegisterVisit(WangFang, null, InternetHospital, "11", DiseCodg: "J20"))).Refusal());
        Assert.Equal(2, await app.ReadAsync(s => s.Db.Visits.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task UploadFees_Lines_AreSplitByTheCatalogueAndNumbered(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var visit = (await app.CommitAsync(s => s.Use<RegisterVisitHandler>().HandleAsync(new RegisterVisit(ZhangWei, null, Hospital, "11"), default))).Ok();

        var uploaded = (await app.CommitAsync(s => s.Use<UploadFeesHandler>().HandleAsync(new UploadFees(visit.MdtrtId, [.. TwoLines, new(null, "ZZ0001", null, 5m, 1m, 5m)]), default))).Ok();

        Assert.Equal(["1", "2", "3"], uploaded.Select(l => l.Row.FeedetlSn));
        var capped = uploaded[1].Row;
        Assert.Equal(100.80m, capped.Fulamt + capped.Over + capped.Pre + capped.Inscp);
        Assert.Equal(Math.Round((3.6m - 3.2m) * 28m, 2), capped.Over);
        Assert.Equal(5m, uploaded[2].Row.Fulamt);
        Assert.Equal("duplicate_feedetl_sn", (await app.CommitAsync(s => s.Use<UploadFeesHandler>().HandleAsync(new UploadFees(visit.MdtrtId, TwoLines), default))).Refusal());
        Assert.Equal("invalid_line", (await app.CommitAsync(s => s.Use<UploadFeesHandler>().HandleAsync(new UploadFees(visit.MdtrtId, [new("9", "ZZ0001", null, 5m, 1m, 4m)]), default))).Refusal());
        Assert.Equal(3, await app.ReadAsync(s => s.Db.FeeLines.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task CancelFees_OpenVisit_WithdrawsEveryUnsettledLine(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();

        var withdrawn = (await app.CommitAsync(s => s.Use<CancelFeesHandler>().HandleAsync(new CancelFees(mdtrtId), default))).Ok();

        Assert.Equal(2, withdrawn);
        Assert.Equal(0, await app.ReadAsync(s => s.Db.FeeLines.CountAsync(l => !l.Cancelled)));
        Assert.Equal("no_fee_lines", (await app.CommitAsync(s => s.Use<Application.Settlements.SettleVisitHandler>().HandleAsync(new Application.Settlements.SettleVisit(mdtrtId, FromAccount), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task CancelVisit_OpenOrSettled_CancelsOrSaysToCancelTheSettlementFirst(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var open = await app.OpenVisitAsync();
        var settled = await app.OpenVisitAsync();
        await app.SettleAsync(settled);

        var cancelled = (await app.CommitAsync(s => s.Use<CancelVisitHandler>().HandleAsync(new CancelVisit(open), default))).Ok();
        var refused = await app.CommitAsync(s => s.Use<CancelVisitHandler>().HandleAsync(new CancelVisit(settled), default));

        Assert.Equal(VisitStatus.Cancelled, cancelled.Status);
        Assert.Equal(0, await app.ReadAsync(s => s.Db.FeeLines.CountAsync(l => l.MdtrtId == open && !l.Cancelled)));
        Assert.Equal("visit_already_settled", refused.Refusal());
        Assert.Contains("2208", refused.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task UpdateVisitInfo_OpenVisit_NamesItsMedicalTypeAndDiagnosis(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();

        var updated = (await app.CommitAsync(s => s.Use<UpdateVisitInfoHandler>().HandleAsync(new UpdateVisitInfo(mdtrtId, "14", "I10"), default))).Ok();

        Assert.Equal(("14", "I10"), (updated.MedType, updated.DiseaseCode));
        Assert.Equal(("14", "I10"), await app.ReadAsync(s => s.Db.Visits.Select(v => new ValueTuple<string, string?>(v.MedType, v.DiseaseCode)).SingleAsync()));
        Assert.Equal("unknown_med_type", (await app.CommitAsync(s => s.Use<UpdateVisitInfoHandler>().HandleAsync(new UpdateVisitInfo(mdtrtId, "99", null), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetVisit_WithItsOpenLines_OnlyForItsInstitution(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();

        var visit = (await app.ReadAsync(s => s.Use<GetVisitHandler>().HandleAsync(new GetVisit(mdtrtId, new VisitScope(Hospital, ZhangWei)), default))).Ok();

        Assert.Equal(["1", "2"], visit.FeeLines.Select(l => l.FeedetlSn));
        Assert.Equal("visit_not_found", (await app.ReadAsync(s => s.Use<GetVisitHandler>().HandleAsync(new GetVisit(mdtrtId, new VisitScope(Community, null)), default))).Refusal());
    }
}
