using CsCheck;
using Yibao.Domain.Interchange;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Settlements;

/// <summary>
/// Parity through the whole server: generated claims, pre-settled for the same person at an internet
/// hospital (online) and at the physical institution it relies on (offline), agree to the cent, line by line.
/// </summary>
public sealed class ChannelParityTests
{
    private static readonly string[] Codes = ["XC08CAA001A001", "XC10AAA005A001", "XA10AEI032B001", "ZZ0001", "110200001", "250301001", "C0310000001", "330100005", "NOT-IN-CATALOGUE"];

    private static readonly Gen<object[]> Claims = Gen.Select(Gen.Int[0, Codes.Length - 1], Gen.Int[1, 200_000], Gen.Int[1, 60])
        .Select(t => Api.Line(Codes[t.Item1], t.Item2 / 100m, t.Item3))
        .Array[1, 8];

    [Theory]
    [InlineData("H33010000002", "H33010000001", "3301000000000001")] // tertiary hospital and its internet hospital
    [InlineData("H33010000004", "H33010000003", "3301000000000001")] // community centre and the platform relying on it
    public async Task PreSettle_SameClaimOnlineAndOffline_IdenticalToTheCentLineByLine(string internet, string physical, string psnNo)
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();

        await Claims.SampleAsync(async lines =>
        {
            var online = await client.RegisterAsync(psnNo, internet, disease: "I10");
            var offline = await client.RegisterAsync(psnNo, physical, disease: "I10");
            await client.UploadAsync(online, lines);
            await client.UploadAsync(offline, lines);

            var a = await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{online}/pre-settlement", new { })).JsonAsync(200);
            var b = await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{offline}/pre-settlement", new { })).JsonAsync(200);

            foreach (var name in SettlementJson.FieldNames)
            {
                Assert.Equal(b.Amount(name), a.Amount(name));
            }

            Assert.Equal(b.GetProperty("lines").GetRawText(), a.GetProperty("lines").GetRawText());
            Assert.Equal("online", a.GetProperty("channel").GetString());
            Assert.Equal("offline", b.GetProperty("channel").GetString());
        }, iter: 40, threads: 1);
    }
}
