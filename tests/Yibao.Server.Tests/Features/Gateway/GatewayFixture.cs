using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Yibao.Client;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Storage.Reference;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>Demo institutions' gateway clients on a fresh server, and the engine's answer for comparison.</summary>
internal static partial class GatewayFixture
{
    /// <summary>The antiforgery token a patient page's form carries.</summary>
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryField();

    /// <summary>A phone that signed in on the patient pages (demo code 888888).</summary>
    public static async Task<HttpClient> PhoneAsync(YibaoServer server, string certno, string code = "888888")
    {
        var phone = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await (await phone.GetAsync("/me/sign-in")).Content.ReadAsStringAsync();
        var response = await phone.PostAsync("/me/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
            ["certno"] = certno,
            ["code"] = code,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/me/certificate", response.Headers.Location?.OriginalString);
        return phone;
    }

    /// <summary>The phone's current QR code content.</summary>
    public static async Task<string> QrAsync(HttpClient phone)
    {
        using var qr = JsonDocument.Parse(await phone.GetStringAsync("/me/certificate/qr.json"));
        Assert.StartsWith("data:image/png;base64,", qr.RootElement.GetProperty("png").GetString(), StringComparison.Ordinal);
        return qr.RootElement.GetProperty("content").GetString()!;
    }

    /// <summary>The person shows their QR code to the institution, which decodes it and records a face check.</summary>
    public static async Task<string> FaceCheckedEcTokenAsync(YibaoServer server, GatewayClient his, string certno)
    {
        var (ecToken, message) = await his.DecodeQrCodeAsync(await QrAsync(await PhoneAsync(server, certno)));
        Assert.True(ecToken is not null, message);
        var (verified, refused) = await his.VerifyFaceAsync(ecToken, "demo-face-ok");
        Assert.True(verified, refused);
        return ecToken;
    }

    public static GatewayClient Client(YibaoServer server, string fixmedinsCode, string area = "330100") =>
        new(server.CreateClient(), GatewayIdentity.Demo(fixmedinsCode, area), server.Clock);

    public static async Task<GatewayClient> SignedInAsync(YibaoServer server, string fixmedinsCode, string area = "330100")
    {
        var client = Client(server, fixmedinsCode, area);
        await client.SignInAsync();
        return client;
    }

    /// <summary>What the engine computes for a first claim of the year, from the demo data directly.</summary>
    public static SettlementResult Engine(string psnNo, string treatmentArea, int effectiveLevel, string medType, Domain.Codes.Channel channel, IReadOnlyList<FeeDetail> lines)
    {
        var person = WorldJson.ReadPersons(DemoWorld.Read("persons.json")).Value.Single(p => p.PsnNo == psnNo);
        var policy = PolicyJson.ReadMany(DemoWorld.Read("policies.json")).Value.Single(p => p.Area == person.Area && p.Insutype == person.Insutype && p.Year == 2026);
        var catalogue = new Catalogue(CatalogueJson.ReadEntries(DemoWorld.Read($"catalogue-{treatmentArea}.json")).Value);
        var filing = CrossRegionFilings.Resolve(person.Area, treatmentArea, DateOnly.FromDateTime(YibaoServer.Start.DateTime), person.Filings);
        var input = new SettlementInput(
            policy,
            catalogue,
            new InsuredPerson(person.Area, person.Insutype, person.Retired, person.AccountBalance, AccumulatorSet.Empty),
            new SettlingInstitution(treatmentArea, effectiveLevel, Domain.Codes.InstitutionKind.Physical),
            new Visit(medType, channel, Domain.Codes.VisitKind.FollowUp, true, filing),
            lines.Select(l => new FeeLine(l.Code, l.Price, l.Qty, l.Amount)).ToList());
        return SettlementEngine.Settle(input).Value;
    }
}
