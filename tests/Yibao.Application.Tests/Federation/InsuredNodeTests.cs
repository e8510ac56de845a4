using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Federation;
using Yibao.Domain.Codes;
using Yibao.Domain.Settlement;
using Yibao.Testing;

namespace Yibao.Application.Tests.Federation;

/// <summary>The insured node's side of settlement across nodes: phase 2 for a treatment node, its cancellation and restoration, and undoing what the treatment node did not commit.</summary>
public sealed class InsuredNodeTests
{
    private const string LiuYang = "1101000000000004";

    /// <summary>The Beijing node (110100): its own people only.</summary>
    public static Task<TestApplication> BeijingAsync(string provider, TimeProvider? clock = null) =>
        TestApplication.CreateAsync(provider, clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero)), options: o =>
        {
            o.Federation.Role = FederationOptions.NodeRole;
            o.Federation.NodeId = "bj";
            o.Federation.Areas = "110100";
        });

    /// <summary>Liu Yang's claim classified at a Hangzhou hospital: one class A drug, 51.80, all in scope.</summary>
    public static RemoteClaim Claim(string msgId, bool take = true, decimal amount = 51.80m) =>
        new(msgId, LiuYang, "H33010000001", "330100", new DateOnly(2026, 11, 22), "11", Channel.Offline, VisitKind.FollowUp, UseAccount: true, EffectiveLevel: 3,
            [new LineSplit("XC08CAA001A001", 0m, 0m, 0m, amount)], new ClaimTotals(amount, 0m, 0m, 0m, amount), take);

    private static Task<decimal> BalanceAsync(TestApplication app) =>
        app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == LiuYang).Select(a => a.Balance).SingleAsync());

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AdjudicateForNode_SameMessageTwice_TakesTheEntryOnceAndAnswersAlike(string provider)
    {
        await using var app = await BeijingAsync(provider);
        var before = await BalanceAsync(app);

        var preview = (await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(Claim("ST1", take: false), "zj"), default))).Ok();
        var first = (await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(Claim("ST1"), "zj"), default))).Ok();
        var again = (await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(Claim("ST1"), "zj"), default))).Ok();

        Assert.Equal(preview.Result.AcctPay, first.Result.AcctPay);
        Assert.True(first.Result.AcctPay > 0m);
        Assert.Equal("unfiled", first.Filing);
        Assert.Equal(first.Result.FundPaySumamt, again.Result.FundPaySumamt);
        Assert.Equal(first.Ledger.Balance, again.Ledger.Balance);
        Assert.Equal(before - first.Result.AcctPay, await BalanceAsync(app));
        Assert.Equal(1, await app.ReadAsync(s => s.Db.FederationEntries.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task DecodeQrCodeForNode_CodeIssuedHere_AnswersThePersonOnceAndRecordsTheRead(string provider)
    {
        await using var app = await BeijingAsync(provider);
        var qr = await app.ReadAsync(s => Task.FromResult(s.Use<Yibao.Application.ECertificates.QrCodes>().Issue(LiuYang).Content));
        Task<Domain.Result<RemotePerson>> DecodeAsync(string code) =>
            app.CommitAsync(s => s.Use<DecodeQrCodeForNodeHandler>().HandleAsync(new DecodeQrCodeForNode(new RemoteQrDecode(code, "H33010000001"), "zj"), default));

        var forged = await DecodeAsync(qr[..^3] + (qr[^3] == 'A' ? "B" : "A") + qr[^2..]);
        var first = (await DecodeAsync(qr)).Ok();
        var again = await DecodeAsync(qr);

        Assert.Equal("bj", Yibao.Application.ECertificates.QrCodes.IssuerOf(qr));
        Assert.Equal("qr_invalid", forged.Refusal());
        Assert.Equal((LiuYang, "110100"), (first.PsnNo, first.Area));
        Assert.Equal("qr_used", again.Refusal());
        Assert.Equal(1, await app.ReadAsync(s => s.Db.PersonAccessRecords.CountAsync(r => r.PsnNo == LiuYang && r.Actor == "H33010000001@zj" && r.Purpose == "qr-decode")));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AdjudicateForNode_PartsNotAddingUp_IsRefusedFederationInvalid(string provider)
    {
        await using var app = await BeijingAsync(provider);
        var claim = Claim("ST2") with { Totals = new ClaimTotals(60m, 0m, 0m, 0m, 60m) };

        var refused = await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(claim, "zj"), default));

        Assert.Equal("federation_invalid", refused.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ChangeEntryForNode_CancelRestoreCancel_FollowsTheLifecycleAndGivesBackExactly(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero));
        await using var app = await BeijingAsync(provider, clock);
        var before = await BalanceAsync(app);
        (await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(Claim("ST3"), "zj"), default))).Ok();
        Task<Domain.Result<LedgerState>> ChangeAsync(string msgId, string kind, string node = "zj") =>
            app.CommitAsync(s => s.Use<ChangeEntryForNodeHandler>().HandleAsync(new ChangeEntryForNode(new RemoteEntryChange(msgId, "ST3", LiuYang, 2026), kind, node), default));

        var restoreFirst = await ChangeAsync("FR0", "restore");
        var foreign = await ChangeAsync("FC0", "cancel", node: "gd");
        var cancelled = (await ChangeAsync("FC1", "cancel")).Ok();
        var twice = await ChangeAsync("FC2", "cancel");
        clock.Advance(TimeSpan.FromMinutes(1));
        var restored = (await ChangeAsync("FR1", "restore")).Ok();

        Assert.Equal("settlement_not_cancelled", restoreFirst.Refusal());
        Assert.Equal("settlement_not_found", foreign.Refusal());
        Assert.Equal(before, cancelled.Balance);
        Assert.Equal("settlement_already_cancelled", twice.Refusal());
        Assert.True(restored.Balance < before);
        Assert.Equal(restored.Balance, await BalanceAsync(app));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task UndoAbortedEntries_AppliedSettlement_IsGivenBackAndItsMessageRefusedAfter(string provider)
    {
        await using var app = await BeijingAsync(provider);
        var before = await BalanceAsync(app);
        (await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(Claim("ST4"), "zj"), default))).Ok();

        var notTheirs = (await app.CommitAsync(s => s.Use<UndoAbortedEntriesHandler>().HandleAsync(new UndoAbortedEntries(["ST4"], "gd"), default))).Ok();
        var undone = (await app.CommitAsync(s => s.Use<UndoAbortedEntriesHandler>().HandleAsync(new UndoAbortedEntries(["ST4"], "zj"), default))).Ok();
        var late = await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(Claim("ST4"), "zj"), default));

        Assert.Equal((0, 1), (notTheirs, undone));
        Assert.Equal(before, await BalanceAsync(app));
        Assert.Equal("federation_message_aborted", late.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AnswerPersonQuery_ByCard_FindsOnlyTheCardOnFileAndRecordsTheRead(string provider)
    {
        await using var app = await BeijingAsync(provider);
        var (certno, card) = ("110105198501300044", "SSC" + LiuYang);

        var found = (await app.CommitAsync(s => s.Use<AnswerPersonQueryHandler>().HandleAsync(new AnswerPersonQuery(new PersonQuery(null, certno, card), "zj"), default))).Ok();
        var wrongCard = await app.CommitAsync(s => s.Use<AnswerPersonQueryHandler>().HandleAsync(new AnswerPersonQuery(new PersonQuery(null, certno, "SSC0"), "zj"), default));
        var elsewhere = await app.CommitAsync(s => s.Use<AnswerPersonQueryHandler>().HandleAsync(new AnswerPersonQuery(new PersonQuery("3301000000000001", null, null), "zj"), default));

        Assert.Equal(("110100", "310"), (found.Area, found.Insutype));
        Assert.Equal("person_not_found", wrongCard.Refusal());
        Assert.Equal("person_not_found", elsewhere.Refusal());
        Assert.Equal(1, await app.ReadAsync(s => s.Db.PersonAccessRecords.CountAsync(r => r.Actor == "zj" && r.ActorKind == "node")));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AnswerLedgerQuery_PersonInsuredHere_AnswersTheBalance(string provider)
    {
        await using var app = await BeijingAsync(provider);

        var view = (await app.ReadAsync(s => s.Use<AnswerLedgerQueryHandler>().HandleAsync(new AnswerLedgerQuery(new LedgerQuery(LiuYang, 2026), "zj"), default))).Ok();
        var unknown = await app.ReadAsync(s => s.Use<AnswerLedgerQueryHandler>().HandleAsync(new AnswerLedgerQuery(new LedgerQuery("3301000000000001", 2026), "zj"), default));

        Assert.Equal(500m, view.Ledger.Balance);
        Assert.Equal("person_not_found", unknown.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ResolveDecisions_MessageNeverDecided_IsDecidedAbortedForGood(string provider)
    {
        await using var app = await BeijingAsync(provider);
        await app.CommitAsync(async s =>
        {
            s.Db.FederationDecisions.Add(new Storage.Entities.FederationDecisionRow { MsgId = "M1", Kind = "settle", SetlId = "M1", InsuredArea = "330100", Status = "committed" });
            await s.Db.SaveChangesAsync();
            return Domain.Result<bool>.Success(true);
        });

        var answer = (await app.CommitAsync(s => s.Use<ResolveDecisionsHandler>().HandleAsync(new ResolveDecisions(["M1", "M2"]), default))).Ok();
        var again = (await app.CommitAsync(s => s.Use<ResolveDecisionsHandler>().HandleAsync(new ResolveDecisions(["M2"]), default))).Ok();
        var empty = await app.CommitAsync(s => s.Use<ResolveDecisionsHandler>().HandleAsync(new ResolveDecisions([]), default));

        Assert.Equal("committed", answer.Decisions["M1"]);
        Assert.Equal("aborted", answer.Decisions["M2"]);
        Assert.Equal("aborted", again.Decisions["M2"]);
        Assert.Equal("federation_invalid", empty.Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetFederationStatus_EntryAppliedAndOneUndone_CountsThemAndListsTheOpenOne(string provider)
    {
        await using var app = await BeijingAsync(provider);
        (await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(Claim("ST5"), "zj"), default))).Ok();
        (await app.CommitAsync(s => s.Use<AdjudicateForNodeHandler>().HandleAsync(new AdjudicateForNode(Claim("ST6"), "zj"), default))).Ok();
        (await app.CommitAsync(s => s.Use<UndoAbortedEntriesHandler>().HandleAsync(new UndoAbortedEntries(["ST5"], "zj"), default))).Ok();

        var status = await app.ReadAsync(s => s.Use<GetFederationStatusHandler>().HandleAsync(new GetFederationStatus(), default));

        Assert.Equal(("node", "bj"), (status.Role, status.NodeId));
        Assert.Equal(["110100"], status.Areas);
        Assert.Equal((1, 1), (status.Entries["applied"], status.Entries["aborted"]));
        Assert.Equal("ST6", status.Unresolved.Single().MsgId);
    }
}
