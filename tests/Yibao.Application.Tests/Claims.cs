using Yibao.Application.ECertificates;
using Yibao.Application.Settlements;
using Yibao.Application.Settlements.Checks;
using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Testing;

namespace Yibao.Application.Tests;

/// <summary>The demo world's people and institutions, and claims made on them through the use cases.</summary>
internal static class Claims
{
    public const string ZhangWei = "3301000000000001";
    public const string WangFang = "3301000000000003";
    public const string ChenJie = "3301000000000005";
    public const string Hospital = "H33010000001";
    public const string InternetHospital = "H33010000002";
    public const string Community = "H33010000003";

    /// <summary>Amlodipine (class A) 10.00 and atorvastatin over its price cap (class B) 100.80: 110.80 in all.</summary>
    public static readonly FeeLineInput[] TwoLines =
    [
        new("1", "XC08CAA001A001", null, 2.5m, 4m, 10.00m),
        new("2", "XC10AAA005A001", null, 3.6m, 28m, 100.80m),
    ];

    public static readonly ClaimTerms FromAccount = new(UseAccount: true);

    public static T Ok<T>(this Result<T> result) => result.IsSuccess ? result.Value : throw new Xunit.Sdk.XunitException($"expected success, got {result.Error}");

    public static string Refusal<T>(this Result<T> result) => result.IsSuccess ? throw new Xunit.Sdk.XunitException("expected a refusal") : result.Error.Code;

    /// <summary>A registered visit with <see cref="TwoLines"/> uploaded (or the lines given).</summary>
    public static async Task<string> OpenVisitAsync(this TestApplication app, string psnNo = ZhangWei, string institution = Hospital, string? disease = null, FeeLineInput[]? lines = null)
    {
        var visit = (await app.CommitAsync(s => s.Use<RegisterVisitHandler>().HandleAsync(new RegisterVisit(psnNo, null, institution, "11", DiseCodg: disease), default))).Ok();
        (await app.CommitAsync(s => s.Use<UploadFeesHandler>().HandleAsync(new UploadFees(visit.MdtrtId, lines ?? TwoLines), default))).Ok();
        return visit.MdtrtId;
    }

    /// <summary>A settled visit's settlement id.</summary>
    public static async Task<string> SettleAsync(this TestApplication app, string mdtrtId, ClaimTerms? terms = null) =>
        (await app.CommitAsync(s => s.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(mdtrtId, terms ?? FromAccount), default))).Ok().SetlId;

    /// <summary>A face-checked ecToken of the person at the institution, as the phone and the scanner make one.</summary>
    public static async Task<string> FaceCheckedTokenAsync(this TestApplication app, string psnNo, string institution)
    {
        var qr = await app.ReadAsync(s => Task.FromResult(s.Use<QrCodes>().Issue(psnNo).Content));
        var decoded = await app.ReadAsync(s => s.Use<DecodeQrCodeHandler>().HandleAsync(new DecodeQrCode(qr, "101", institution), default));
        var token = decoded.Ok().Token.EcToken;
        (await app.ReadAsync(s => s.Use<RecordFaceCheckHandler>().HandleAsync(new RecordFaceCheck(token, institution, DemoFaceVerifier.TestValue), default))).Ok();
        return token;
    }
}
