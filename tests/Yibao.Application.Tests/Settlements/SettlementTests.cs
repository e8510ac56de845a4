using Microsoft.EntityFrameworkCore;
using Yibao.Application.Settlements;
using Yibao.Application.Settlements.Checks;
using Yibao.Application.Visits;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Settlements;

/// <summary>The settlement use cases on a real database of each provider.</summary>
public sealed class SettlementTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task PreSettleVisit_OpenVisit_ComputesAndStoresNothing(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();

        var presettled = (await app.ReadAsync(s => s.Use<PreSettleVisitHandler>().HandleAsync(new PreSettleVisit(mdtrtId, FromAccount), default))).Ok();

        Assert.Equal(110.80m, presettled.MedfeeSumamt);
        Assert.Equal(presettled.MedfeeSumamt, presettled.FundPaySumamt + presettled.AcctPay + presettled.PsnCashPay);
        await using var check = app.Scope();
        Assert.Empty(await check.Db.Settlements.ToListAsync());
        Assert.Equal(800m, (await check.Db.PersonalAccounts.SingleAsync(a => a.PsnNo == ZhangWei)).Balance);
        Assert.Equal("visit_not_found", (await app.ReadAsync(s => s.Use<PreSettleVisitHandler>().HandleAsync(new PreSettleVisit("NOPE", FromAccount), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_OpenVisit_TakesExactlyTheSplitFromTheLedger(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();

        var settlement = (await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount), default))).Ok();

        await using var check = app.Scope();
        var account = await check.Db.PersonalAccounts.SingleAsync(a => a.PsnNo == ZhangWei);
        var accumulator = await check.Db.Accumulators.SingleAsync(a => a.PsnNo == ZhangWei && a.BenefitKind == "outpatient");
        Assert.Equal(800m - settlement.AcctPay, account.Balance);
        Assert.Equal((settlement.DeductibleDelta, settlement.FundDelta), (accumulator.DeductiblePaid, accumulator.FundPaid));
        Assert.Equal(VisitStatus.Settled, (await check.Db.Visits.SingleAsync(v => v.MdtrtId == mdtrtId)).Status);
        Assert.Equal(SettlementStatus.Settled, settlement.Status);
        Assert.Equal(2, (await check.Db.SettlementLines.CountAsync(l => l.SetlId == settlement.SetlId)));
        Assert.Equal("visit_already_settled", (await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_VisitTheUnitOfWorkAlreadyTracks_SettlesThatInstanceWithItsChanges(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();

        // The claim reads the visit untracked with its lines; the unit of work's own copy, changed and not yet saved, must be the one settled.
        var settlement = (await app.CommitAsync(async s =>
        {
            var tracked = await s.Db.Visits.SingleAsync(v => v.MdtrtId == mdtrtId);
            tracked.DiseaseCode = "J20";
            return await s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount), default);
        })).Ok();

        await using var check = app.Scope();
        var visit = await check.Db.Visits.SingleAsync(v => v.MdtrtId == mdtrtId);
        Assert.Equal((VisitStatus.Settled, "J20"), (visit.Status, visit.DiseaseCode));
        Assert.Equal(110.80m, settlement.MedfeeSumamt);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_AnotherInstitutionsVisit_DoesNotExistForTheCaller(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();

        var refused = await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount, new VisitScope(Community, null)), default));
        var otherPerson = await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount, new VisitScope(Hospital, WangFang)), default));

        Assert.Equal("visit_not_found", refused.Refusal());
        Assert.Contains(Community, refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("visit_person_mismatch", otherPerson.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_StatedTotalsDiffer_RefusesWholeAndChangesNothing(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();

        var refused = await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount with { Stated = new StatedTotals(110.79m) }), default));

        Assert.Equal("amount_mismatch", refused.Refusal());
        await using var check = app.Scope();
        Assert.Empty(await check.Db.Settlements.ToListAsync());
        Assert.Equal(VisitStatus.Registered, (await check.Db.Visits.SingleAsync()).Status);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SettleVisit_OnlineWithoutAFaceCheckedCertificate_IsRefusedAfterTheClaimIsFoundSettleable(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync(institution: InternetHospital, disease: "I10", lines: [new("1", "XC08CAA001A001", null, 2.5m, 4m, 10.00m)]);

        var noCertificate = await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount), default));
        var token = await app.FaceCheckedTokenAsync(ZhangWei, InternetHospital);
        var settled = await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount with { Proof = new PersonProof("01", token) }), default));

        Assert.Equal("ecert_required", noCertificate.Refusal());
        Assert.Equal(Channel.Online.ToName(), settled.Ok().Channel);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task CancelSettlement_Settled_GivesBackExactlyAndReopensTheVisit(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();
        var setlId = await app.SettleAsync(mdtrtId);

        var cancelled = (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(setlId), default))).Ok();

        Assert.Equal(800m, cancelled.Balance);
        await using var check = app.Scope();
        var accumulator = await check.Db.Accumulators.SingleAsync(a => a.PsnNo == ZhangWei && a.BenefitKind == "outpatient");
        Assert.Equal((0m, 0m), (accumulator.DeductiblePaid, accumulator.FundPaid));
        Assert.Equal(VisitStatus.Registered, (await check.Db.Visits.SingleAsync()).Status);
        Assert.Equal("settlement_already_cancelled", (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(setlId), default))).Refusal());
        Assert.Equal("settlement_not_found", (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(setlId, Community), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RestoreSettlement_CancelledAndUntouched_PutsItBack(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();
        var setlId = await app.SettleAsync(mdtrtId);
        var balance = await app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == ZhangWei).Select(a => a.Balance).SingleAsync());
        (await app.CommitAsync(s => s.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(setlId), default))).Ok();

        var restored = (await app.CommitAsync(s => s.Use<RestoreSettlementHandler>().HandleAsync(new RestoreSettlement(setlId), default))).Ok();

        Assert.Equal(SettlementStatus.Settled, restored.Status);
        Assert.Equal(balance, await app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == ZhangWei).Select(a => a.Balance).SingleAsync()));
        Assert.Equal("settlement_not_cancelled", (await app.CommitAsync(s => s.Use<RestoreSettlementHandler>().HandleAsync(new RestoreSettlement(setlId), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task HeldSettlements_HoldThenRelease_TakesOnceAndGivesBackOnce(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var mdtrtId = await app.OpenVisitAsync();
        var held = (await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, FromAccount, Hold: true), default))).Ok();
        Assert.Equal(SettlementStatus.Pending, held.Status);
        Assert.Equal(800m - held.AcctPay, await app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == ZhangWei).Select(a => a.Balance).SingleAsync()));

        var released = await app.CommitAsync(async s =>
        {
            var ledger = await s.Use<Yibao.Application.Ledger.IPersonLedger>().LockAsync(ZhangWei, held.Year, default);
            return await s.Use<HeldSettlementsHandler>().HandleAsync(new ReleaseHeldSettlement(held.SetlId, DateTimeOffset.UtcNow), ledger!, default);
        });
        var again = await app.CommitAsync(async s => (Domain.Result<bool>)(await s.Use<HeldSettlementsHandler>().HandleAsync(new CommitHeldSettlement(held.SetlId, DateTimeOffset.UtcNow, "late"), default) is { } e ? e : true));

        Assert.Equal(SettlementStatus.Released, released.Ok().Status);
        Assert.Equal(800m, await app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == ZhangWei).Select(a => a.Balance).SingleAsync()));
        Assert.Equal("settlement_not_pending", again.Refusal());
        Assert.Equal(VisitStatus.Registered, await app.ReadAsync(s => s.Db.Visits.Select(v => v.Status).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetSettlement_ItsOwnOrAnothers_AnswersOrHidesIt(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var setlId = await app.SettleAsync(await app.OpenVisitAsync());

        var own = await app.ReadAsync(s => s.Use<GetSettlementHandler>().HandleAsync(new GetSettlement(setlId, Hospital), default));
        var other = await app.ReadAsync(s => s.Use<GetSettlementHandler>().HandleAsync(new GetSettlement(setlId, Community), default));

        Assert.Equal(2, own.Ok().Lines.Count);
        Assert.Equal("settlement_not_found", other.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListPersonSettlements_APerson_SeesOnlyTheirsWithTheInstitutionsName(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await app.SettleAsync(await app.OpenVisitAsync());
        await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));

        var theirs = await app.ReadAsync(s => s.Use<ListPersonSettlementsHandler>().HandleAsync(new ListPersonSettlements(ZhangWei), default));

        var only = Assert.Single(theirs);
        Assert.Equal(ZhangWei, only.Settlement.PsnNo);
        Assert.False(string.IsNullOrEmpty(only.InstitutionName));
    }
}
