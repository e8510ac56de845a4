using Yibao.Domain.Lifecycles;
using System.Net;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Yibao.Client;
using Yibao.Server.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>
/// Thousands of malformed envelopes, each broken in at least one way that must be refused (and
/// correctly signed, so that the envelope and the transactions are what is exercised, not the
/// signature check): every answer is HTTP 200 with infcode -1, none is an internal error, and
/// nothing changes.
/// </summary>
public sealed class GatewayFuzzTests
{
    private static readonly string[] RequiredEnvelopeFields =
        ["infno", "msgid", "mdtrtarea_admvs", "recer_sys_code", "infver", "opter_type", "opter", "opter_name", "inf_time", "fixmedins_code", "fixmedins_name", "input", "sign_no"];

    private static readonly string[] RequiredDataFields = ["psn_no", "mdtrt_id", "insutype", "med_type", "medfee_sumamt", "mdtrt_cert_type", "mdtrt_cert_no"];

    /// <summary>Values no envelope field accepts (a number would be: clients send numbers for strings).</summary>
    private static readonly JsonNode?[] WrongEnvelopeValues =
    [
        JsonValue.Create(true), new JsonArray(1, 2), new JsonObject { ["x"] = 1 }, JsonValue.Create(""), JsonValue.Create(new string('9', 5000)),
    ];

    private static readonly JsonNode?[] WrongValues =
    [
        JsonValue.Create(true), new JsonArray(1, 2), new JsonObject { ["x"] = 1 }, JsonValue.Create(""), JsonValue.Create(-1.5m),
        JsonValue.Create(new string('9', 5000)), JsonValue.Create("😀\u0000'\"; DROP TABLE settlements;--"), JsonValue.Create(1e300),
    ];

    /// <summary>One way to break an envelope; each must be refused on its own.</summary>
    private static readonly Gen<Mutation> Breaking = Gen.OneOf(
        Gen.Int[0, RequiredEnvelopeFields.Length - 1].Select(i => new Mutation($"remove {RequiredEnvelopeFields[i]}", e => { e.Remove(RequiredEnvelopeFields[i]); return e; })),
        Gen.Select(Gen.Int[0, RequiredEnvelopeFields.Length - 1], Gen.Int[0, WrongEnvelopeValues.Length - 1]).Select(t => new Mutation($"{RequiredEnvelopeFields[t.Item1]} = wrong #{t.Item2}", e =>
        {
            e[RequiredEnvelopeFields[t.Item1]] = WrongEnvelopeValues[t.Item2]?.DeepClone();
            return e;
        })),
        Gen.Select(Gen.Int[0, RequiredDataFields.Length - 1], Gen.Int[0, WrongValues.Length]).Select(t => new Mutation($"data.{RequiredDataFields[t.Item1]} = wrong #{t.Item2}", e =>
        {
            if (Data(e) is not { } data)
            {
                return e;
            }

            if (t.Item2 == WrongValues.Length)
            {
                data.Remove(RequiredDataFields[t.Item1]);
            }
            else
            {
                data[RequiredDataFields[t.Item1]] = WrongValues[t.Item2]?.DeepClone();
            }

            return e;
        })),
        Gen.Int[1, 10_000].Select(cents => new Mutation($"medfee_sumamt + {cents}c", e =>
        {
            if (Data(e) is { } data && data["medfee_sumamt"] is JsonValue amount
                && decimal.TryParse(amount.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                data["medfee_sumamt"] = value + (cents / 100m);
            }

            return e;
        })),
        Gen.String.Select(s => new Mutation("infno = 9…", e => { e["infno"] = "9" + s; return e; })),
        Gen.String.Select(s => new Mutation("msgid = random with a space", e => { e["msgid"] = "M " + s[..Math.Min(s.Length, 20)]; return e; })),
        Gen.String[31, 60].Select(s => new Mutation("msgid = random beyond 30 characters", e => { e["msgid"] = s; return e; })),
        Gen.String.Select(s => new Mutation("input = random string", e => { e["input"] = s; return e; })));

    /// <summary>
    /// Mutations that may or may not matter; they ride along with a breaking one, and touch no field a
    /// breaking one does, so they can never repair it.
    /// </summary>
    private static readonly Gen<Mutation> Any = Gen.OneOf(
        Breaking,
        Gen.String.Select(s => new Mutation("dev_no = random", e => { e["dev_no"] = s; return e; })),
        Gen.String.Select(s => new Mutation("acct_used_flag = random", e =>
        {
            if (Data(e) is { } data)
            {
                data["acct_used_flag"] = s;
            }

            return e;
        })));

    /// <summary>input.data, unless an earlier mutation already replaced it.</summary>
    private static JsonObject? Data(JsonObject envelope) => envelope["input"] is JsonObject input && input["data"] is JsonObject data ? data : null;

    private static readonly Gen<(Mutation First, Mutation[] More, int Truncate)> Mutations =
        Gen.Select(Breaking, Any.Array[0, 3], Gen.Int[-3, 400]);

    [Fact]
    public async Task CallService_ThousandsOfMalformedEnvelopes_NoServerErrorAndNoStateChange()
    {
        // The institution's rate limit lifted (1,000 requests at once, 500 a second after): on a quick
        // run the envelopes would meet the limiter rather than the parser, and so would the last one.
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:InstitutionRequestsPerSecond"] = "1000000" });
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (request, _) = await GatewayFlowTests.ReadyToSettleAsync(his);
        var valid = his.Envelope("2207", his.NextMsgId(), JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(request.Data())));
        var before = await SnapshotAsync(server);
        var sent = 0;

        await Mutations.SampleAsync(async mutation =>
        {
            var envelope = valid.DeepClone().AsObject();
            envelope["msgid"] = his.NextMsgId();
            envelope = mutation.First.Apply(envelope);
            foreach (var more in mutation.More)
            {
                envelope = more.Apply(envelope);
            }

            var body = envelope.ToJsonString();
            if (mutation.Truncate is > 0 and < 200 && mutation.Truncate < body.Length)
            {
                body = body[..mutation.Truncate]; // no longer JSON at all
            }

            using var response = await his.SendAsync(body, his.Sign());
            Interlocked.Increment(ref sent);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = GatewayClient.Parse(await response.Content.ReadAsStringAsync(), "");
            Assert.True(result.Infcode == -1, $"accepted after {mutation.First}, {string.Join(", ", mutation.More.AsEnumerable())}: {body}");
            Assert.NotEqual(GatewayEndpoint.InternalErrorMessage, result.ErrMsg);
        }, iter: 2_000, threads: 2);

        Assert.Equal(2_000, sent);
        Assert.Equal(before, await SnapshotAsync(server));

        // The untouched envelope still settles: the fuzzing broke nothing.
        var settled = GatewayClient.Parse(await (await his.SendAsync(valid.ToJsonString(), his.Sign())).Content.ReadAsStringAsync(), "");
        Assert.True(settled.Infcode == 0, settled.ErrMsg);
    }

    [Fact]
    public async Task CallService_GarbageBodiesAndHeaders_AlwaysAnEnvelope()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = GatewayFixture.Client(server, "H33010000001");

        await Gen.Select(Gen.String, Gen.Bool).SampleAsync(async (body, signed) =>
        {
            using var response = await his.SendAsync(body, signed ? his.Sign() : new Dictionary<string, string> { ["x-tif-paasid"] = body.Length > 40 ? body[..40] : body });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = GatewayClient.Parse(await response.Content.ReadAsStringAsync(), "");
            Assert.Equal(-1, result.Infcode);
            Assert.NotEqual(GatewayEndpoint.InternalErrorMessage, result.ErrMsg);
        }, iter: 500, threads: 2);
    }

    private static async Task<string> SnapshotAsync(YibaoServer server)
    {
        await using var db = server.OpenDatabase();
        var account = await db.PersonalAccounts.SingleAsync(a => a.PsnNo == "3301000000000001");
        return string.Join(',',
            await db.Settlements.CountAsync(), await db.Visits.CountAsync(v => v.Status == VisitStatus.Registered), await db.FeeLines.CountAsync(l => !l.Cancelled),
            account.Balance, await db.Accumulators.CountAsync(), await db.ProcessedMessages.CountAsync(), await db.AuditLog.CountAsync());
    }
}

/// <summary>A named change to an envelope, so that a failing sample says what it did.</summary>
internal sealed record Mutation(string Name, Func<JsonObject, JsonObject> Apply)
{
    public override string ToString() => Name;
}
