using Yibao.Application.ECertificates;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.ECertificates;

/// <summary>The certificate use cases on a real database of each provider.</summary>
public sealed class ECertificateTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task DecodeQrCode_AGenuineCode_DecodesOnceIntoATokenForThatInstitution(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var qr = await app.ReadAsync(s => Task.FromResult(s.Use<QrCodes>().Issue(ZhangWei).Content));

        var decoded = (await app.ReadAsync(s => s.Use<DecodeQrCodeHandler>().HandleAsync(new DecodeQrCode(qr, "101", Hospital), default))).Ok();
        var again = await app.ReadAsync(s => s.Use<DecodeQrCodeHandler>().HandleAsync(new DecodeQrCode(qr, "101", Hospital), default));
        var forged = await app.ReadAsync(s => s.Use<DecodeQrCodeHandler>().HandleAsync(new DecodeQrCode(qr[..^2] + "xx", "101", Hospital), default));

        Assert.Equal((ZhangWei, Hospital), (decoded.Person.PsnNo, decoded.Token.FixmedinsCode));
        Assert.Equal("qr_used", again.Refusal());
        Assert.Equal("qr_invalid", forged.Refusal());
        var read = Assert.Single(await app.ReadAsync(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(s.Db.PersonAccessRecords)));
        Assert.Equal((ZhangWei, Hospital, "ecert"), (read.PsnNo, read.Actor, read.Door));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RecordFaceCheck_TheDemoEvidence_IsRecordedOnlyAtTheTokensInstitution(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var qr = await app.ReadAsync(s => Task.FromResult(s.Use<QrCodes>().Issue(ZhangWei).Content));
        var token = (await app.ReadAsync(s => s.Use<DecodeQrCodeHandler>().HandleAsync(new DecodeQrCode(qr, "101", Hospital), default))).Ok().Token.EcToken;

        var elsewhere = await app.ReadAsync(s => s.Use<RecordFaceCheckHandler>().HandleAsync(new RecordFaceCheck(token, Community, DemoFaceVerifier.TestValue), default));
        var mismatch = await app.ReadAsync(s => s.Use<RecordFaceCheckHandler>().HandleAsync(new RecordFaceCheck(token, Hospital, "someone else"), default));
        var recorded = await app.ReadAsync(s => s.Use<RecordFaceCheckHandler>().HandleAsync(new RecordFaceCheck(token, Hospital, DemoFaceVerifier.TestValue), default));

        Assert.Equal("ectoken_invalid", elsewhere.Refusal());
        Assert.Equal("face_mismatch", mismatch.Refusal());
        Assert.Equal(token, recorded.Ok());
    }
}
