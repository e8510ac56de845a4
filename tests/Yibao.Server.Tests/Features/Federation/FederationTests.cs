using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Federation;
using Yibao.Storage;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Federation;

/// <summary>Settlement across nodes: a hub and two nodes on loopback, each with its own PostgreSQL database.</summary>
public sealed class FederationTests : IAsyncLifetime
{
    private static readonly string[] Amounts =
    [
        "medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc",
        "hifp_pay", "pool_prop_selfpay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay", "balc", "ratio",
    ];

    private FederatedWorld _world = null!;

    public async Task InitializeAsync() => _world = await FederatedWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    /// <summary>The demo people's cross-region visits: unfiled from Beijing in Hangzhou; long-term, temporary and unfiled from Hangzhou in Beijing.</summary>
    private static readonly (string PsnNo, string Institution, string Filing)[] Visits =
    [
        ("1101000000000004", "H33010000001", "unfiled"),
        ("3301000000000002", "H11010000001", "longTerm"),
        ("3301000000000005", "H11010000001", "temporaryFiled"),
        ("3301000000000005", "H11010000001", "temporaryFiled"), // again: the deductible and account used by the first count
        ("3301000000000001", "H11010000001", "unfiled"),
    ];

    private static readonly object[] Lines = [Api.Line("XC08CAA001A001", 1.85m, 28), Api.Line("250301001", 12m, 50), Api.Line("XC10AAA005A001", 4.2m, 30)];

    private YibaoServer TreatmentNode(string institution) => institution.StartsWith("H1101", StringComparison.Ordinal) ? _world.Bj : _world.Zj;

    private YibaoServer InsuredNode(string psnNo) => psnNo.StartsWith("1101", StringComparison.Ordinal) ? _world.Bj : _world.Zj;

    [Fact]
    public async Task Settle_PersonInsuredOnAnotherNode_SplitsToTheCentAsOneProcessDoes()
    {
        await using var single = await YibaoServer.StartAsync("postgres");
        var one = single.HisClient();
        foreach (var (psnNo, institution, filing) in Visits)
        {
            var here = TreatmentNode(institution).HisClient();
            var expected = await SettleAsync(one, psnNo, institution);
            var federated = await SettleAsync(here, psnNo, institution);

            Assert.Equal(filing, federated.GetProperty("filing").GetString());
            foreach (var amount in Amounts)
            {
                Assert.True(expected.Amount(amount) == federated.Amount(amount), $"{psnNo} at {institution}, {amount}: one process {expected.GetProperty(amount)}, federated {federated.GetProperty(amount)}");
            }
        }

        // The insured nodes' ledgers moved as the single process's did.
        foreach (var psnNo in Visits.Select(v => v.PsnNo).Distinct())
        {
            await using var oneDb = single.OpenDatabase();
            await using var insuredDb = InsuredNode(psnNo).OpenDatabase();
            Assert.Equal(await BalanceAsync(oneDb, psnNo), await BalanceAsync(insuredDb, psnNo));
            Assert.Equal(await FundUsedAsync(oneDb, psnNo), await FundUsedAsync(insuredDb, psnNo));
        }

        // Nothing of a guest's money is kept at the treatment node.
        await using var zj = _world.Zj.OpenDatabase();
        Assert.False(await zj.PersonalAccounts.AnyAsync(a => a.PsnNo == "1101000000000004"));
        Assert.True(await zj.Persons.AnyAsync(p => p.PsnNo == "1101000000000004"));
    }

    [Fact]
    public async Task Gateway_PersonInsuredOnAnotherNode_AnswersAsForALocalSettlement()
    {
        await using var single = await YibaoServer.StartAsync("postgres");
        var local = await GatewayFlowAsync(single);
        await using var bj = _world.Bj.OpenDatabase();
        var before = await BalanceAsync(bj, "1101000000000004");

        var federated = await GatewayFlowAsync(_world.Zj);

        foreach (var name in new[] { "medfee_sumamt", "fund_pay_sumamt", "hifp_pay", "acct_pay", "psn_cash_pay", "balc", "act_pay_dedc" })
        {
            Assert.True(local.Settled.GetProperty(name).GetDecimal() == federated.Settled.GetProperty(name).GetDecimal(), $"{name}: one process {local.Settled.GetProperty(name)}, federated {federated.Settled.GetProperty(name)}");
        }

        Assert.Equal("110100", federated.Area);
        Assert.Equal(local.Balance, federated.Balance);

        // Settled, cancelled, and the cancellation reversed (2601): Liu Yang's account at Beijing carries the one settlement.
        Assert.Equal(before - federated.Settled.GetProperty("acct_pay").GetDecimal(), await BalanceAsync(bj, "1101000000000004"));
        Assert.Equal(["cancel", "restore", "settle"], await bj.FederationEntries.OrderBy(e => e.Kind).Select(e => e.Kind).ToListAsync());
    }

    /// <summary>1101, 2201, 2204, 2206, 2207, 2208 and 2601 of Liu Yang at the Hangzhou hospital; what 1101 and 2207 answered.</summary>
    private static async Task<(string Area, decimal Balance, JsonElement Settled)> GatewayFlowAsync(YibaoServer server)
    {
        const string psnNo = "1101000000000004";
        var (certno, card) = Api.Card(psnNo);
        var his = await Yibao.Server.Tests.Features.Gateway.GatewayFixture.SignedInAsync(server, "H33010000001");
        var info = (await his.PersonInfoAsync("03", certno, card)).Expect().GetProperty("insuinfo")[0];
        var area = info.GetProperty("insuplc_admdvs").GetString()!;
        var mdtrtId = (await his.RegisterAsync(psnNo, "310", area, "02", certno)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        Yibao.Client.FeeDetail[] lines = [Yibao.Client.FeeDetail.Of("1", "XC08CAA001A001", 1.85m, 28m), Yibao.Client.FeeDetail.Of("2", "250301001", 12m, 5m)];
        (await his.UploadFeesAsync(mdtrtId, psnNo, lines)).Expect();
        var request = new Yibao.Client.SettleRequest(mdtrtId, psnNo, "310", area, "11", lines.Sum(l => l.Amount), "02", certno);
        (await his.PreSettleAsync(request)).Expect();
        var settled = (await his.SettleAsync(request)).Expect().GetProperty("setlinfo");
        var cancelMsgid = Api.NewMsgId();
        (await his.CancelSettlementAsync(settled.GetProperty("setl_id").GetString()!, mdtrtId, psnNo, cancelMsgid)).Expect();
        (await his.ReverseAsync(psnNo, cancelMsgid, "2208")).Expect();
        return (area, info.GetProperty("balc").GetDecimal(), settled.Clone());
    }

    [Fact]
    public async Task Cancel_PersonInsuredOnAnotherNode_GivesTheEntryBackAtTheirNode()
    {
        var hangzhou = _world.Zj.HisClient();
        await using var bj = _world.Bj.OpenDatabase();
        var before = await BalanceAsync(bj, "1101000000000004");
        var settled = await SettleAsync(hangzhou, "1101000000000004", "H33010000001");
        bj.ChangeTracker.Clear();
        Assert.Equal(before - settled.Amount("acct_pay"), await BalanceAsync(bj, "1101000000000004"));
        Assert.True(settled.Amount("acct_pay") > 0m);

        var cancelled = await (await hangzhou.SendAsync(HttpMethod.Post, $"/api/settlements/{settled.GetProperty("setl_id").GetString()}/cancellation")).JsonAsync(200);
        var again = await (await hangzhou.SendAsync(HttpMethod.Post, $"/api/settlements/{settled.GetProperty("setl_id").GetString()}/cancellation")).JsonAsync(409);

        bj.ChangeTracker.Clear();
        Assert.Equal(before, await BalanceAsync(bj, "1101000000000004"));
        Assert.Equal(before, cancelled.Amount("balc"));
        Assert.Equal("settlement_already_cancelled", again.GetProperty("code").GetString());
        Assert.Equal(["cancel", "settle"], await bj.FederationEntries.OrderBy(e => e.Kind).Select(e => e.Kind).ToListAsync());
    }

    [Fact]
    public async Task Lookup_PersonInsuredOnAnotherNode_FindsThemThroughTheHubWithTheirBalance()
    {
        var person = await _world.Zj.HisClient().PersonAsync("1101000000000004");

        Assert.Equal("110100", person.GetProperty("insuplc_admdvs").GetString());
        Assert.Equal(500m, person.Amount("balc"));
        await using var bj = _world.Bj.OpenDatabase();
        Assert.True(await bj.PersonAccessRecords.AnyAsync(r => r.PsnNo == "1101000000000004" && r.ActorKind == "node" && r.Actor == "zj"));
    }

    [Fact]
    public async Task DecodeQrCode_CodeOfAPersonInsuredOnAnotherNode_IsCheckedAtTheirNodeAndIdentifiesThemHere()
    {
        // Liu Yang opens his certificate on his own (Beijing) node's phone page and shows it at a Hangzhou hospital.
        const string LiuYang = "1101000000000004";
        var qr = await Phone.QrAsync(await Phone.SignInAsync(_world.Bj, Api.Card(LiuYang).Certno));
        var scanner = new Yibao.Client.GatewayClient(_world.Zj.CreateClient(), Yibao.Client.GatewayIdentity.Demo("H33010000001", "330100"), _world.Zj.Clock);

        var (ecToken, message) = await scanner.DecodeQrCodeAsync(qr);
        var (again, refusal) = await scanner.DecodeQrCodeAsync(qr);
        var forged = await scanner.DecodeQrCodeAsync(qr[..^3] + (qr[^3] == 'A' ? "B" : "A") + qr[^2..]);

        Assert.True(ecToken is not null, message);
        Assert.Null(again);
        Assert.Contains("already used", refusal, StringComparison.Ordinal);
        Assert.Null(forged.EcToken);
        var (verified, notVerified) = await scanner.VerifyFaceAsync(ecToken, "demo-face-ok");
        Assert.True(verified, notVerified);
        var person = await (await _world.Zj.HisClient().SendAsync(HttpMethod.Post, "/api/persons/identification", new { mdtrt_cert_type = "01", mdtrt_cert_no = ecToken })).JsonAsync(200);
        Assert.Equal(LiuYang, person.GetProperty("psn_no").GetString());
        Assert.Equal(500m, person.Amount("balc"));
        await using var bj = _world.Bj.OpenDatabase();
        Assert.Equal(1, await bj.PersonAccessRecords.CountAsync(r => r.PsnNo == LiuYang && r.Actor == "H33010000001@zj" && r.Purpose == "qr-decode"));
    }

    [Fact]
    public async Task DecodeQrCode_OtherNodeAnswersForAPersonInsuredHere_IsRefusedAndTheirRecordKept()
    {
        // Beijing, misconfigured as serving Hangzhou's area too, holds a stale copy of Zhang Wei (insured at
        // Hangzhou) under another name, issues his code and answers for him.
        const string ZhangWei = "3301000000000001";
        _world.Bj.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Yibao.Application.YibaoOptions>>().Value.Federation.Areas = "110100,330100";
        await using var zj = _world.Zj.OpenDatabase();
        var him = await zj.Persons.AsNoTracking().SingleAsync(p => p.PsnNo == ZhangWei);
        await using (var bj = _world.Bj.OpenDatabase())
        {
            bj.Persons.Add(new Yibao.Storage.Entities.PersonRow { PsnNo = him.PsnNo, Name = "Stale Copy", Gender = him.Gender, Birthday = him.Birthday, Certno = him.Certno, Insutype = him.Insutype, Area = him.Area });
            await bj.SaveChangesAsync();
        }

        var qr = await Phone.QrAsync(await Phone.SignInAsync(_world.Bj, him.Certno));
        var scanner = new Yibao.Client.GatewayClient(_world.Zj.CreateClient(), Yibao.Client.GatewayIdentity.Demo("H33010000001", "330100"), _world.Zj.Clock);

        var (ecToken, refusal) = await scanner.DecodeQrCodeAsync(qr);

        Assert.Null(ecToken);
        Assert.Contains("answered for a person insured here", refusal, StringComparison.Ordinal);
        Assert.Equal(him.Name, (await zj.Persons.AsNoTracking().SingleAsync(p => p.PsnNo == ZhangWei)).Name);
        Assert.False(await zj.EcTokens.AnyAsync(t => t.PsnNo == ZhangWei));
    }

    [Fact]
    public async Task Gateway_GuestIdentifiedByTheirNodesQrCode_SettlesWithTheEcTokenAndTheirNodeTakesTheShare()
    {
        const string LiuYang = "1101000000000004";
        var his = await Yibao.Server.Tests.Features.Gateway.GatewayFixture.SignedInAsync(_world.Zj, "H33010000001");
        var (ecToken, message) = await his.DecodeQrCodeAsync(await Phone.QrAsync(await Phone.SignInAsync(_world.Bj, Api.Card(LiuYang).Certno)));
        Assert.True(ecToken is not null, message);
        var (verified, notVerified) = await his.VerifyFaceAsync(ecToken, "demo-face-ok");
        Assert.True(verified, notVerified);
        await using var bj = _world.Bj.OpenDatabase();
        var before = await BalanceAsync(bj, LiuYang);

        var mdtrtId = (await his.RegisterAsync(LiuYang, "310", "110100", "01", ecToken)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        Yibao.Client.FeeDetail[] lines = [Yibao.Client.FeeDetail.Of("1", "XC08CAA001A001", 1.85m, 28m), Yibao.Client.FeeDetail.Of("2", "250301001", 12m, 5m)];
        (await his.UploadFeesAsync(mdtrtId, LiuYang, lines)).Expect();
        var settled = (await his.SettleAsync(new Yibao.Client.SettleRequest(mdtrtId, LiuYang, "310", "110100", "11", lines.Sum(l => l.Amount), "01", ecToken))).Expect().GetProperty("setlinfo");

        Assert.Equal(LiuYang, settled.GetProperty("psn_no").GetString());
        Assert.True(settled.GetProperty("acct_pay").GetDecimal() > 0m);
        bj.ChangeTracker.Clear();
        Assert.Equal(before - settled.GetProperty("acct_pay").GetDecimal(), await BalanceAsync(bj, LiuYang));
        Assert.Equal(before - settled.GetProperty("acct_pay").GetDecimal(), settled.GetProperty("balc").GetDecimal());
    }

    [Fact]
    public async Task PaymentOrder_PersonInsuredOnAnotherNode_HoldsAtTheirNodeSettlesWhenPaidAndGivesBackWhenRevoked()
    {
        const string LiuYang = "1101000000000004";
        var certno = Api.Card(LiuYang).Certno;
        var his = _world.Zj.HisClient();

        // Online care is follow-up care: his hypertension diagnosed at a Hangzhou hospital first.
        var offline = await his.RegisterAsync(LiuYang, "H33010000001", disease: "I10");
        await his.UploadAsync(offline, Lines);
        await (await his.SendAsync(HttpMethod.Post, $"/api/visits/{offline}/settlement", new { })).JsonAsync(201);

        // Then an online follow-up at the Hangzhou internet hospital, identified by his Beijing certificate.
        var scanner = new Yibao.Client.GatewayClient(_world.Zj.CreateClient(), Yibao.Client.GatewayIdentity.Demo("H33010000002", "330100"), _world.Zj.Clock);
        var (ecToken, message) = await scanner.DecodeQrCodeAsync(await Phone.QrAsync(await Phone.SignInAsync(_world.Bj, certno)));
        Assert.True(ecToken is not null, message);
        Assert.True((await scanner.VerifyFaceAsync(ecToken, "demo-face-ok")).Verified);
        async Task<JsonElement> OrderAsync()
        {
            var visit = await his.RegisterAsync(LiuYang, "H33010000002", disease: "I10");
            await his.UploadAsync(visit, Api.Line("330100005", 1280m, 2));
            return await (await his.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/payment-order", new { mdtrt_cert_type = "01", mdtrt_cert_no = ecToken, delivery_fee = 0m })).JsonAsync(201);
        }

        await using var bj = _world.Bj.OpenDatabase();
        var before = (Balance: await BalanceAsync(bj, LiuYang), Fund: await FundUsedAsync(bj, LiuYang));
        var paid = await OrderAsync();
        var revoked = await OrderAsync();
        bj.ChangeTracker.Clear();
        var held = (Balance: await BalanceAsync(bj, LiuYang), Fund: await FundUsedAsync(bj, LiuYang));

        // He confirms the first on the treatment node's phone page and pays; the institution revokes the second.
        var phone = await Phone.SignInAsync(_world.Zj, certno);
        var payment = new Payments.PaymentFlow(_world.Zj);
        var cashier = await Payments.PaymentFlow.ConfirmOnPhoneAsync(phone, paid);
        var (body, signature) = payment.Provider.Pay(cashier["/sim-pay/".Length..])!.Value;
        Assert.Equal(HttpStatusCode.OK, (await payment.NotifyAsync(body, signature)).StatusCode);
        var revocation = await his.SendAsync(HttpMethod.Post, $"/api/payment-orders/{revoked.GetProperty("pay_ord_id").GetString()}/revocation", new { });
        Assert.Equal(HttpStatusCode.OK, revocation.StatusCode);

        // Held at his node as soon as ordered; what was paid stays taken there, what was revoked is given back.
        bj.ChangeTracker.Clear();
        Assert.Equal(before.Balance - paid.Amount("acct_pay") - revoked.Amount("acct_pay"), held.Balance);
        Assert.Equal(before.Fund + paid.Amount("fund_pay_sumamt") + revoked.Amount("fund_pay_sumamt"), held.Fund);
        Assert.True(revoked.Amount("fund_pay_sumamt") > 0m);
        Assert.Equal(before.Balance - paid.Amount("acct_pay"), await BalanceAsync(bj, LiuYang));
        Assert.Equal(before.Fund + paid.Amount("fund_pay_sumamt"), await FundUsedAsync(bj, LiuYang));
        await using var zj = _world.Zj.OpenDatabase();
        var statuses = await zj.Settlements.Where(x => x.PsnNo == LiuYang && x.Channel == "online").Select(x => x.Status).ToListAsync();
        Assert.Equal([Yibao.Domain.Lifecycles.SettlementStatus.Settled, Yibao.Domain.Lifecycles.SettlementStatus.Released], statuses.Order());
    }

    [Fact]
    public async Task Settle_InsuredNodeDown_RefusesWithInsuredNodeUnavailableAndKeepsNothing()
    {
        var hangzhou = _world.Zj.HisClient();
        var mdtrtId = await hangzhou.RegisterAsync("1101000000000004", "H33010000001");
        await hangzhou.UploadAsync(mdtrtId, Lines);
        var bjDatabase = _world.Bj.ConnectionString;
        await _world.Bj.DisposeAsync();

        var refused = await (await hangzhou.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(502);

        Assert.Equal("insured_node_unavailable", refused.GetProperty("code").GetString());
        await using var zj = _world.Zj.OpenDatabase();
        Assert.False(await zj.Settlements.AnyAsync(s => s.MdtrtId == mdtrtId));
        Assert.False(await zj.FederationDecisions.AnyAsync());

        // Back (on another port, as after a restart): the same visit settles.
        await using var restarted = await YibaoServer.StartAsync("postgres", FederatedWorld.Settings("node", "bj", "110100"), kestrel: true, connectionString: bjDatabase);
        await FederatedWorld.AddPeerAsync(_world.Hub, new AddFederationPeer("bj", FederatedWorld.Url(restarted), ["110100"], await FederatedWorld.KeyAsync(restarted)));
        await (await hangzhou.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(201);
    }

    [Fact]
    public async Task Reconcile_TreatmentTransactionRolledBack_UndoesTheEntryAtTheInsuredNode()
    {
        var hangzhou = _world.Zj.HisClient();
        var mdtrtId = await hangzhou.RegisterAsync("1101000000000004", "H33010000001");
        await hangzhou.UploadAsync(mdtrtId, Lines);
        await using var bj = _world.Bj.OpenDatabase();
        var before = await BalanceAsync(bj, "1101000000000004");

        // Phase 2 applied at Beijing, then the treatment node's transaction dies before it commits.
        await using (var scope = _world.Zj.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YibaoDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var settle = scope.ServiceProvider.GetRequiredService<Yibao.Application.Settlements.SettleVisitHandler>();
            var settled = await settle.HandleAsync(new Yibao.Application.Settlements.SettleVisit(mdtrtId, new Yibao.Application.Settlements.ClaimTerms(true)), default);
            Assert.True(settled.IsSuccess, settled.Error?.ToString());
            await transaction.RollbackAsync();
        }

        bj.ChangeTracker.Clear();
        Assert.True(await BalanceAsync(bj, "1101000000000004") < before);

        var report = await ReconcileAsync(_world.Bj);

        bj.ChangeTracker.Clear();
        Assert.Equal((1, 0, 1, 0), (report.Asked, report.Committed, report.Aborted, report.Unanswered));
        Assert.Equal(before, await BalanceAsync(bj, "1101000000000004"));
        Assert.Equal("aborted", await bj.FederationEntries.Select(e => e.Status).SingleAsync());

        // The visit settles afresh, and what committed is kept when asked.
        await (await hangzhou.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(201);
        var second = await ReconcileAsync(_world.Bj);
        Assert.Equal((1, 1, 0), (second.Asked, second.Committed, second.Aborted));
    }

    [Fact]
    public async Task Reconcile_TreatmentTransactionStillOpen_WaitsForItsOutcome()
    {
        var hangzhou = _world.Zj.HisClient();
        var mdtrtId = await hangzhou.RegisterAsync("1101000000000004", "H33010000001");
        await hangzhou.UploadAsync(mdtrtId, Lines);

        await using var scope = _world.Zj.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YibaoDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var settled = await scope.ServiceProvider.GetRequiredService<Yibao.Application.Settlements.SettleVisitHandler>()
            .HandleAsync(new Yibao.Application.Settlements.SettleVisit(mdtrtId, new Yibao.Application.Settlements.ClaimTerms(true)), default);
        Assert.True(settled.IsSuccess, settled.Error?.ToString());

        var asking = ReconcileAsync(_world.Bj);
        await Task.Delay(500);
        Assert.False(asking.IsCompleted); // the question waits on the open decision
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        var report = await asking;
        Assert.Equal((1, 1, 0), (report.Asked, report.Committed, report.Aborted));
    }

    [Fact]
    public async Task Clearing_AtTheHub_SumsWhatBothSidesKept()
    {
        var hangzhou = _world.Zj.HisClient();
        var beijing = _world.Bj.HisClient();
        await SettleAsync(hangzhou, "1101000000000004", "H33010000001");
        var cancelled = await SettleAsync(hangzhou, "1101000000000004", "H33010000001");
        await (await hangzhou.SendAsync(HttpMethod.Post, $"/api/settlements/{cancelled.GetProperty("setl_id").GetString()}/cancellation")).JsonAsync(200);
        await SettleAsync(beijing, "3301000000000005", "H11010000001");
        await SettleAsync(beijing, "3301000000000002", "H11010000001");
        var rolledBack = await beijing.RegisterAsync("3301000000000001", "H11010000001");
        await beijing.UploadAsync(rolledBack, Lines);
        await using (var scope = _world.Bj.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YibaoDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True((await scope.ServiceProvider.GetRequiredService<Yibao.Application.Settlements.SettleVisitHandler>()
                .HandleAsync(new Yibao.Application.Settlements.SettleVisit(rolledBack, new Yibao.Application.Settlements.ClaimTerms(true)), default)).IsSuccess);
        }

        await ReconcileAsync(_world.Zj);
        await ReconcileAsync(_world.Bj);
        _world.Hub.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        var statement = await FederatedWorld.RunAsync(_world.Hub, sp => sp.GetRequiredService<Yibao.Application.Clearing.RunClearingHandler>().HandleAsync(new Yibao.Application.Clearing.RunClearing("2026-11", "test"), default));

        foreach (var (treatment, insured, pair) in new[] { (_world.Zj, _world.Bj, ("110100", "330100")), (_world.Bj, _world.Zj, ("330100", "110100")) })
        {
            var cleared = statement.Pairs.Single(p => (p.InsuredArea, p.TreatmentArea) == pair);
            await using var t = treatment.OpenDatabase();
            await using var i = insured.OpenDatabase();
            var made = await t.Settlements.Where(s => s.InsuredArea == pair.Item1 && s.Status == Yibao.Domain.Lifecycles.SettlementStatus.Settled).ToListAsync();
            var kept = await i.FederationEntries.Where(e => e.InsuredArea == pair.Item1 && e.Status == "committed").ToListAsync();
            Assert.Equal(made.Sum(s => s.FundPaySumamt), cleared.FundPaySumamt);
            Assert.Equal(made.Sum(s => s.AcctPay), cleared.AcctPay);
            Assert.Equal(kept.Sum(e => e.Kind == "cancel" ? -e.FundPaySumamt : e.FundPaySumamt), cleared.FundPaySumamt);
            Assert.Equal(made.Count, cleared.Settled - cleared.Cancelled);
        }

        Assert.Equal((2, 1), (statement.Pairs.Single(p => p.InsuredArea == "110100").Settled, statement.Pairs.Single(p => p.InsuredArea == "110100").Cancelled));
        Assert.Equal(0m, statement.Areas.Sum(a => a.Net));
    }

    [Fact]
    public async Task Hub_UnsignedOrForeignSignedRequest_IsRefused()
    {
        using var client = new HttpClient { BaseAddress = new Uri(FederatedWorld.Url(_world.Hub)) };
        var unsigned = await client.PostAsync("/hub/persons/find", new StringContent("{\"psn_no\":\"1101000000000004\"}"));

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/hub/persons/find") { Content = new StringContent("{\"psn_no\":\"1101000000000004\"}") };
        var time = _world.Hub.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var (privateKey, _) = Yibao.Application.Prescriptions.NationalCrypto.NewKeyPair();
        forged.Headers.Add(FederationSigning.SignerHeader, "zj");
        forged.Headers.Add(FederationSigning.OriginHeader, "zj");
        forged.Headers.Add(FederationSigning.TimeHeader, time.ToString(System.Globalization.CultureInfo.InvariantCulture));
        forged.Headers.Add(FederationSigning.SignatureHeader, Yibao.Application.Prescriptions.NationalCrypto.Sign(
            Yibao.Application.Prescriptions.NationalCrypto.PrivateKey(privateKey), FederationSigning.Text("POST", "/hub/persons/find", "zj", "zj", time, "{\"psn_no\":\"1101000000000004\"}")));
        var foreign = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
        Assert.Equal("federation_unauthenticated", (await foreign.JsonAsync(401)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task RotateFederationKey_Node_HubTakesTheNewKeyAndSettlementsGoOn()
    {
        var before = (await PeerAsync(_world.Hub, "zj")).PublicKey;

        await using var scope = _world.Zj.Services.CreateAsyncScope();
        var rotation = await scope.ServiceProvider.GetRequiredService<RotateFederationKeyHandler>().HandleAsync(new RotateFederationKey(), default);
        Assert.True(rotation.IsSuccess, rotation.Error?.ToString());
        var rotated = rotation.Value;

        var after = await PeerAsync(_world.Hub, "zj");
        Assert.NotEqual(before, rotated.PublicKey);
        Assert.Equal(rotated.PublicKey, after.PublicKey);
        Assert.NotNull(after.RotatedAt);
        await SettleAsync(_world.Zj.HisClient(), "1101000000000004", "H33010000001");
    }

    private static async Task<FederationPeerView> PeerAsync(YibaoServer server, string id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ListFederationPeersHandler>().HandleAsync(new ListFederationPeers(), default)).Single(p => p.PeerId == id);
    }

    private static async Task<ReconcileReport> ReconcileAsync(YibaoServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ReconcileFederationEntriesHandler>().HandleAsync(new ReconcileFederationEntries(All: true), default);
        Assert.True(report.IsSuccess, report.Error?.ToString());
        return report.Value;
    }

    private static async Task<JsonElement> SettleAsync(HttpClient client, string psnNo, string institution)
    {
        var mdtrtId = await client.RegisterAsync(psnNo, institution);
        await client.UploadAsync(mdtrtId, Lines);
        return await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(201);
    }

    private static Task<decimal> BalanceAsync(YibaoDbContext db, string psnNo) => db.PersonalAccounts.Where(a => a.PsnNo == psnNo).Select(a => a.Balance).SingleAsync();

    private static async Task<decimal> FundUsedAsync(YibaoDbContext db, string psnNo) =>
        (await db.Accumulators.Where(a => a.PsnNo == psnNo).Select(a => a.FundPaid).ToListAsync()).Sum();
}
