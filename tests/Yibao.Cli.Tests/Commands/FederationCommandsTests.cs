using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Client;
using Yibao.Storage;
using Xunit.Abstractions;
using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

/// <summary>
/// A federation as operators run it: the hub and two nodes as three server processes on loopback,
/// each with its own PostgreSQL database, keys and peers set up with <c>yibao federation</c>; then
/// cross-region settlements both ways while each process in turn is killed (SIGKILL) and started again.
/// </summary>
public sealed class FederationCommandsTests(ITestOutputHelper output)
{
    private const string LiuYang = "1101000000000004"; // insured in Beijing, treated in Hangzhou
    private const string ChenJie = "3301000000000005"; // insured in Hangzhou, treated in Beijing (temporary filing)
    private const int Rounds = 6;
    private const int FlowsPerRound = 4;

    private sealed record Node(string Id, string Role, string Areas, Dictionary<string, string> Environment, ServerProcess Server);

    [Fact]
    public async Task Federation_ProcessesKilledMidSettlement_BothSidesAgreeAndNothingIsLostOrDoubled()
    {
        var home = TestRun.Folder("home");
        var nodes = new Dictionary<string, Node>();
        try
        {
            foreach (var (id, role, areas) in new[] { ("hub", "hub", ""), ("zj", "node", "330100"), ("bj", "node", "110100") })
            {
                var environment = new Dictionary<string, string>
                {
                    ["ConnectionStrings__Yibao"] = await PostgresServer.CreateDatabaseAsync("federation"),
                    ["Yibao__CredentialKey"] = TestKeys.Base64Key,
                    ["Yibao__Federation__Role"] = role,
                    ["Yibao__Federation__NodeId"] = id,
                    ["Yibao__Federation__Areas"] = areas,
                    ["Yibao__Federation__ReconcileEverySeconds"] = "1",
                    ["Yibao__Federation__ResolveAfterSeconds"] = "2",
                    ["Yibao__Federation__TimeoutSeconds"] = "3",
                    ["Yibao__Federation__Attempts"] = "2",
                    ["Logging__LogLevel__Default"] = "Warning",
                };
                nodes[id] = new Node(id, role, areas, environment, await ServerProcess.StartAsync($"http://127.0.0.1:{ServerProcess.FreePort()}", home, environment));
            }

            await ConnectAsync(nodes, home);
            var flows = new List<Task<string>>();
            var victims = new[] { "bj", "zj", "hub" };
            for (var round = 0; round < Rounds; round++)
            {
                var batch = Enumerable.Range(0, FlowsPerRound).Select(i => round * FlowsPerRound + i)
                    .Select(n => n % 2 == 0 ? SettleAsync(nodes["zj"], LiuYang, "H33010000001", n) : SettleAsync(nodes["bj"], ChenJie, "H11010000001", n)).ToList();
                flows.AddRange(batch);

                // Killed while settlements are on their way, then started again on the same address and database.
                await Task.Delay(Random.Shared.Next(20, 120));
                var victim = nodes[victims[round % victims.Length]].Server;
                await victim.KillAsync();
                await Task.Delay(300);
                await victim.RestartAsync();
                await Task.WhenAll(batch);
            }

            var settled = await Task.WhenAll(flows);
            Assert.Equal(Rounds * FlowsPerRound, settled.Distinct().Count());
            await WaitUntilReconciledAsync(nodes);
            await AssertBothSidesAgreeAsync(nodes["zj"], nodes["bj"], LiuYang, 500m);
            await AssertBothSidesAgreeAsync(nodes["bj"], nodes["zj"], ChenJie, 0m);
            await AssertOneProcessSplitsAlikeAsync(nodes);
            foreach (var node in nodes.Values.Where(n => n.Role == "node"))
            {
                await using var db = Open(node);
                output.WriteLine($"{node.Id}: {await db.FederationEntries.CountAsync(e => e.Status == "committed")} entries kept, {await db.FederationEntries.CountAsync(e => e.Status == "aborted")} undone by the reconciler");
            }
        }
        finally
        {
            foreach (var node in nodes.Values)
            {
                await node.Server.DisposeAsync();
            }
        }
    }

    /// <summary>As the operators do it: each process's key, the nodes in the hub's directory, the hub at each node.</summary>
    private static async Task ConnectAsync(Dictionary<string, Node> nodes, string home)
    {
        var keys = new Dictionary<string, string>();
        foreach (var node in nodes.Values)
        {
            keys[node.Id] = (await CliAsync(node, home, "federation", "key")).Trim();
        }

        foreach (var node in nodes.Values.Where(n => n.Role == "node"))
        {
            Assert.Contains($"serves {node.Areas}", await CliAsync(nodes["hub"], home, "federation", "peer", node.Id, "--url", node.Server.Url, "--areas", node.Areas, "--key", keys[node.Id]), StringComparison.Ordinal);
            await CliAsync(node, home, "federation", "peer", "hub", "--url", nodes["hub"].Server.Url, "--key", keys["hub"]);
        }
    }

    private static async Task<string> CliAsync(Node node, string home, params string[] args)
    {
        var (exit, output, error) = await ServerProcess.RunCliAsync(args, TestRun.Folder("cli-cwd"), home, node.Environment);
        Assert.True(exit == 0, $"yibao {string.Join(' ', args)} at {node.Id} exited {exit}: {error}");
        return output;
    }

    /// <summary>
    /// Register, upload and settle one visit as a HIS does through failures: each step sent again with
    /// its own message id until it answers, so a step that took effect before its answer was lost is
    /// answered from the record, not done twice. The settlement's id.
    /// </summary>
    private static async Task<string> SettleAsync(Node treatment, string psnNo, string institution, int n)
    {
        using var http = new HttpClient(new TifSigningHandler(GatewayIdentity.Demo(institution, treatment.Areas)) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(treatment.Server.Url),
            Timeout = TimeSpan.FromSeconds(15),
        };
        var prefix = $"{Guid.NewGuid():N}"[..12] + n;
        var visit = await UntilAnsweredAsync(http, "/api/visits", new { psn_no = psnNo, fixmedins_code = institution, med_type = "11" }, "R" + prefix, HttpStatusCode.Created);
        var mdtrtId = visit.GetProperty("mdtrt_id").GetString()!;
        object[] lines = [new { code = "XC08CAA001A001", price = 1.85m, qty = 28m, amount = 51.80m }, new { code = "250301001", price = 12m, qty = 5m, amount = 60m }];
        await UntilAnsweredAsync(http, $"/api/visits/{mdtrtId}/fees", new { lines }, "U" + prefix, HttpStatusCode.OK);
        var settlement = await UntilAnsweredAsync(http, $"/api/visits/{mdtrtId}/settlement", new { }, "S" + prefix, HttpStatusCode.Created);
        return settlement.GetProperty("setl_id").GetString()!;
    }

    private static async Task<JsonElement> UntilAnsweredAsync(HttpClient http, string path, object body, string msgId, HttpStatusCode expected)
    {
        var failures = new List<string>();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
                request.Headers.Add("X-Msg-Id", msgId);
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == expected)
                {
                    return JsonDocument.Parse(text).RootElement.Clone();
                }

                // Only a node or the hub being down may refuse a step; anything else is a failure of the test.
                Assert.True(response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, $"{path}: {(int)response.StatusCode} {text}");
                failures.Add(text);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Add(e.GetType().Name);
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{path} never answered: {string.Join("; ", failures.TakeLast(5))}");
        return default;
    }

    /// <summary>The insured nodes' reconcilers have resolved every entry: none is left applied.</summary>
    private static async Task WaitUntilReconciledAsync(Dictionary<string, Node> nodes)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var open = 0;
            foreach (var node in nodes.Values.Where(n => n.Role == "node"))
            {
                await using var db = Open(node);
                open += await db.FederationEntries.CountAsync(e => e.Status == "applied");
            }

            if (open == 0)
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail("entries were still applied, unresolved, after 60 s");
    }

    /// <summary>
    /// What the treatment node settled is exactly what the insured node kept: the same settlements, and
    /// the person's ledger there moved by exactly their sums; what was undone left no trace in it.
    /// </summary>
    private static async Task AssertBothSidesAgreeAsync(Node treatment, Node insured, string psnNo, decimal openingBalance)
    {
        await using var t = Open(treatment);
        await using var i = Open(insured);
        var settlements = await t.Settlements.AsNoTracking().Where(s => s.PsnNo == psnNo && s.Status == Domain.Lifecycles.SettlementStatus.Settled).ToListAsync();
        var kept = await i.FederationEntries.AsNoTracking().Where(e => e.PsnNo == psnNo && e.Status == "committed").ToListAsync();
        var visits = await t.Visits.AsNoTracking().Where(v => v.PsnNo == psnNo).Select(v => v.MdtrtId).ToListAsync();

        Assert.Equal(Rounds * FlowsPerRound / 2, settlements.Count);
        Assert.Equal(settlements.Count, settlements.Select(s => s.MdtrtId).Distinct().Count());
        Assert.Equal(settlements.Select(s => s.SetlId).Order(), kept.Where(e => e.Kind == "settle").Select(e => e.SetlId).Order());
        Assert.Equal(settlements.Sum(s => s.FundPaySumamt), kept.Sum(e => e.FundPaySumamt));
        Assert.Equal(openingBalance - settlements.Sum(s => s.AcctPay), await i.PersonalAccounts.Where(a => a.PsnNo == psnNo).Select(a => a.Balance).SingleAsync());
        var fundUsed = (await i.Accumulators.Where(a => a.PsnNo == psnNo).Select(a => a.FundPaid).ToListAsync()).Sum();
        Assert.Equal(settlements.Sum(s => s.FundDelta), fundUsed);
        Assert.True(visits.Count >= settlements.Count);
    }

    /// <summary>
    /// The same claims, in the order each treatment node committed them, settled again by one process
    /// holding both areas: every split is the same to the cent. Only for a person none of whose
    /// entries was undone: until the reconciler undoes a half-done settlement, it holds the person's
    /// money as a pending payment would, and a settlement made meanwhile is split against that (the
    /// ledgers still agree, as <see cref="AssertBothSidesAgreeAsync"/> shows, but one process never
    /// saw the half-done one).
    /// </summary>
    private static async Task AssertOneProcessSplitsAlikeAsync(Dictionary<string, Node> nodes)
    {
        await using var single = await YibaoServer.StartAsync("postgres");
        var his = single.HisClient();
        foreach (var (treatment, psnNo, institution) in new[] { (nodes["zj"], LiuYang, "H33010000001"), (nodes["bj"], ChenJie, "H11010000001") })
        {
            await using var t = Open(treatment);
            await using var i = Open(nodes[treatment.Id == "zj" ? "bj" : "zj"]);
            if (await i.FederationEntries.AnyAsync(e => e.PsnNo == psnNo && e.Status == "aborted"))
            {
                continue;
            }

            var settled = (await t.Settlements.AsNoTracking().Where(s => s.PsnNo == psnNo && s.Status == Domain.Lifecycles.SettlementStatus.Settled).ToListAsync())
                .OrderBy(s => s.SettledAt).ToList();
            foreach (var federated in settled)
            {
                var visit = await his.RegisterAsync(psnNo, institution);
                await his.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28), Api.Line("250301001", 12m, 5));
                var one = await (await his.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
                Assert.Equal(
                    (one.Amount("fund_pay_sumamt"), one.Amount("acct_pay"), one.Amount("psn_cash_pay"), one.Amount("act_pay_dedc"), one.Amount("balc")),
                    (federated.FundPaySumamt, federated.AcctPay, federated.PsnCashPay, federated.ActPayDedc, federated.Balc));
            }
        }
    }

    private static YibaoDbContext Open(Node node) => StorageOptions.FromConnectionString(node.Environment["ConnectionStrings__Yibao"]).CreateContext();
}
