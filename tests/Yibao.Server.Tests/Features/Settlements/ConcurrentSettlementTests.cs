using Yibao.Domain.Lifecycles;
using Yibao.Testing;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Yibao.Server.Tests.Features.Settlements;

/// <summary>
/// One person, many claims at once from two institutions, with retries racing their originals:
/// the accumulators and the account must equal the sum of what the committed settlements say,
/// never pass the cap or the balance, and cancelling everything must restore the start to the cent.
/// </summary>
public sealed class ConcurrentSettlementTests
{
    private const string Person = "3301000000000001"; // employee, account 800.00, outpatient cap 20000
    private const int Claims = 50;

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task Settle_FiftyConcurrentClaimsAcrossTwoInstitutions_AccumulatorsAndAccountAddUp(string provider)
    {
        await using var server = await YibaoServer.StartAsync(provider);
        var client = server.HisClient();

        // Each claim is 925.00 of a class-A drug: enough that the deductible, the account and the cap are all reached.
        var visits = new List<string>();
        for (var i = 0; i < Claims; i++)
        {
            var visit = await client.RegisterAsync(Person, i % 2 == 0 ? "H33010000001" : "H33010000003");
            await client.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 500));
            visits.Add(visit);
        }

        // Every settlement is sent twice with the same message id, as a client retrying after a timeout would.
        var attempts = visits.SelectMany(v => Enumerable.Repeat(v, 2).Select(_ => (Visit: v, MsgId: "settle-" + v)))
            .OrderBy(_ => Random.Shared.Next())
            .Select(a => client.SendAsync(HttpMethod.Post, $"/api/visits/{a.Visit}/settlement", new { }, a.MsgId))
            .ToList();
        var responses = await Task.WhenAll(attempts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.JsonAsync(201)));
        Assert.Equal(Claims, bodies.Select(b => b.GetProperty("setl_id").GetString()).Distinct().Count());

        await using (var db = server.OpenDatabase())
        {
            var settlements = await db.Settlements.Where(s => s.PsnNo == Person).ToListAsync();
            var account = await db.PersonalAccounts.SingleAsync(a => a.PsnNo == Person);
            var accumulator = await db.Accumulators.SingleAsync(a => a.PsnNo == Person && a.BenefitKind == "outpatient");

            Assert.Equal(Claims, settlements.Count);
            Assert.Equal(settlements.Sum(s => s.HifpPay), accumulator.FundPaid);
            Assert.Equal(settlements.Sum(s => s.ActPayDedc), accumulator.DeductiblePaid);
            Assert.Equal(800m - settlements.Sum(s => s.AcctPay), account.Balance);
            Assert.Equal(1000m, accumulator.DeductiblePaid);
            Assert.Equal(20000m, accumulator.FundPaid); // the cap is reached, and never passed
            Assert.Equal(0m, account.Balance);
            Assert.All(settlements, s => Assert.Equal(s.MedfeeSumamt, s.FundPaySumamt + s.AcctPay + s.PsnCashPay));

            // Each settlement saw the one before it: its balance is what the account held after it.
            Assert.Equal(800m, settlements.Sum(s => s.AcctPay));
        }

        var cancellations = await Task.WhenAll(bodies.DistinctBy(b => b.GetProperty("setl_id").GetString())
            .Select(b => client.SendAsync(HttpMethod.Post, $"/api/settlements/{b.GetProperty("setl_id").GetString()}/cancellation")));
        Assert.All(cancellations, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        await using (var db = server.OpenDatabase())
        {
            var account = await db.PersonalAccounts.SingleAsync(a => a.PsnNo == Person);
            var accumulator = await db.Accumulators.SingleAsync(a => a.PsnNo == Person && a.BenefitKind == "outpatient");
            Assert.Equal(800.00m, account.Balance);
            Assert.Equal(0.00m, accumulator.DeductiblePaid);
            Assert.Equal(0.00m, accumulator.FundPaid);
            Assert.All(await db.Settlements.ToListAsync(), s => Assert.Equal(SettlementStatus.Cancelled, s.Status));
        }
    }

    [Fact]
    public async Task Settle_SameVisitWithDifferentMsgIdsConcurrently_SettlesExactlyOnce()
    {
        await using var server = await YibaoServer.StartAsync("postgres");
        var client = server.HisClient();
        var visit = await client.RegisterAsync(Person, "H33010000001");
        await client.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 500));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await using var db = server.OpenDatabase();
        Assert.Equal(1, await db.Settlements.CountAsync());
        Assert.Equal(800m - (await db.Settlements.SingleAsync()).AcctPay, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == Person)).Balance);
    }
}
