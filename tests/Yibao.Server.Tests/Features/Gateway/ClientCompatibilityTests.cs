using Yibao.Client;
using Yibao.Domain.Codes;
using Yibao.Domain.Interchange;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>
/// Each file in <c>Clients/</c> is one way a real HIS writes the envelope. Each drives the whole
/// outpatient flow, 9001 → 1101 → 2201 → 2203 → 2204 → 2206 → 2207 (retried) → 5203 → 2208, and
/// must be answered in full (every field the spec lists) and settle to the cent as the engine computes.
/// </summary>
public sealed class ClientCompatibilityTests
{
    private const string PsnNo = "3301000000000001";
    private const string Certno = "330106196803140013";

    private static readonly FeeDetail[] Lines =
    [
        FeeDetail.Of("1", "XC08CAA001A001", 1.85m, 28m),
        FeeDetail.Of("2", "XC10AAA005A001", 3.60m, 28m),
        FeeDetail.Of("3", "330100005", 1280m, 1m),
    ];

    public static TheoryData<string> Dialects() => [.. Directory.GetFiles(ClientDialect.Folder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Dialects_Folder_HoldsEveryVariantTheSpecNames()
    {
        var dialects = Directory.GetFiles(ClientDialect.Folder, "*.json").Select(f => ClientDialect.Read(Path.GetFileName(f))).ToList();

        Assert.Equal(["institution+time+1", "institution+time+4", "time+3", "time+infno+2"], dialects.Select(d => d.Msgid).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["1", "1.0", "V1.0", "v1.0"], dialects.Select(d => d.Infver).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(dialects, d => d.InputAsString);
        Assert.Contains(dialects, d => d.NumbersAsStrings);
        Assert.Contains(dialects, d => d.OpterTypeAsNumber);
        Assert.Contains(dialects, d => d.ExpContent == "object");
        Assert.Contains(dialects, d => d.Begntime == "date");
        Assert.Contains(dialects, d => d.CainfoLength > 1024);
        Assert.Equal(["enctype", "serv_code", "serv_sign"], dialects.SelectMany(d => (IEnumerable<string>?)d.Extra?.Keys ?? []).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task OutpatientFlow_WrittenAsThisClientWritesIt_SettlesAsTheEngineComputes(string file)
    {
        var dialect = ClientDialect.Read(file);
        await using var server = await YibaoServer.StartAsync();
        var http = server.CreateDefaultClient(new DialectHandler(dialect));
        var his = new GatewayClient(http, GatewayIdentity.Demo("H33010000001", "330100"), server.Clock);
        await his.SignInAsync();

        var spec = SpecOutputs.Read();
        async Task<System.Text.Json.JsonElement> InFull(string infno, Task<GatewayResult> call)
        {
            var output = (await call).Expect();
            SpecOutputs.AssertComplete(spec, infno, output);
            return output;
        }

        var info = await InFull("1101", his.PersonInfoAsync("03", Certno, Api.Card(PsnNo).CardSn));
        Assert.Equal(PsnNo, info.GetProperty("baseinfo").GetProperty("psn_no").GetString());
        var registered = await InFull("2201", his.RegisterAsync(PsnNo, "310", "330100", "02", Certno, visitKind: "followUp"));
        var mdtrtId = registered.GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.CallAsync("2203", new { mdtrtinfo = new { mdtrt_id = mdtrtId, psn_no = PsnNo, med_type = "11", begntime = "2026-11-22 10:00:00", dise_codg = "I10", dise_name = "Hypertension" } })).Expect();
        var uploaded = await InFull("2204", his.UploadFeesAsync(mdtrtId, PsnNo, Lines));
        Assert.Equal(Lines.Length, uploaded.GetProperty("result").GetArrayLength());

        var request = new SettleRequest(mdtrtId, PsnNo, "310", "330100", "11", Lines.Sum(l => l.Amount), "02", Certno);
        await InFull("2206", his.PreSettleAsync(request));
        var msgid = his.NextMsgId();
        var settled = await InFull("2207", his.SettleAsync(request, msgid));
        var retried = (await his.SettleAsync(request, msgid)).Expect();

        var expected = GatewayFixture.Engine(PsnNo, "330100", 3, "11", Channel.Offline, Lines);
        foreach (var (name, amount) in SettlementJson.Fields(expected))
        {
            Assert.True(amount == settled.GetProperty("setlinfo").GetProperty(name).GetDecimal(), $"{dialect.Name}: {name}");
        }

        var setlId = settled.GetProperty("setlinfo").GetProperty("setl_id").GetString()!;
        Assert.Equal(setlId, retried.GetProperty("setlinfo").GetProperty("setl_id").GetString());
        Assert.Equal(setlId, (await InFull("5203", his.QuerySettlementAsync(setlId, mdtrtId, PsnNo))).GetProperty("setlinfo").GetProperty("setl_id").GetString());
        var cancelled = await InFull("2208", his.CancelSettlementAsync(setlId, mdtrtId, PsnNo));
        Assert.Equal(-expected.HifpPay, cancelled.GetProperty("setlinfo").GetProperty("hifp_pay").GetDecimal());
    }
}
