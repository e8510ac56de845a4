using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.ECertificate;

public sealed class OnlineIdentityTests
{
    private const string ZhangWei = "330106196803140013";

    [Fact]
    public async Task NativeSettle_OnlineVisit_NeedsTheFaceCheckedCertificateOfItsPerson()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();
        var visit = await client.RegisterAsync("3301000000000001", "H33010000002", disease: "I10");
        await client.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28));
        var his = GatewayFixture.Client(server, "H33010000002");
        var (notFaceChecked, _) = await his.DecodeQrCodeAsync(await Phone.QrAsync(await Phone.SignInAsync(server, ZhangWei)));
        var someoneElse = await Phone.FaceCheckedEcTokenAsync(server, "H33010000002", "330106195511020023");
        var atAnotherInstitution = await Phone.FaceCheckedEcTokenAsync(server, "H33010000004", ZhangWei);

        async Task<string?> RefusalAsync(object body) =>
            (await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", body)).JsonAsync(422)).GetProperty("code").GetString();

        Assert.Equal("ecert_required", await RefusalAsync(new { }));
        Assert.Equal("ecert_required", await RefusalAsync(new { mdtrt_cert_type = "02", mdtrt_cert_no = ZhangWei }));
        Assert.Equal("face_check_required", await RefusalAsync(new { mdtrt_cert_type = "01", mdtrt_cert_no = notFaceChecked }));
        Assert.Equal("ecert_invalid", await RefusalAsync(new { mdtrt_cert_type = "01", mdtrt_cert_no = someoneElse }));
        Assert.Equal("ecert_invalid", await RefusalAsync(new { mdtrt_cert_type = "01", mdtrt_cert_no = atAnotherInstitution }));
        var settled = await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new
        {
            mdtrt_cert_type = "01",
            mdtrt_cert_no = await Phone.FaceCheckedEcTokenAsync(server, "H33010000002", ZhangWei),
        })).JsonAsync(201);
        Assert.Equal("online", settled.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task NativeSettle_OfflineVisit_NeedsNoCertificate()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();
        var visit = await client.RegisterAsync("3301000000000001", "H33010000001", disease: "I10");
        await client.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28));

        var settled = await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);

        Assert.Equal("offline", settled.GetProperty("channel").GetString());
    }
}
