using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Yibao.Client;

namespace Yibao.Testing;

/// <summary>A person's phone on the patient pages, and the certificate it shows to an institution.</summary>
public static partial class Phone
{
    /// <summary>The antiforgery token a patient page's form carries.</summary>
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryField();

    /// <summary>A phone that signed in on the patient pages (demo code 888888).</summary>
    public static async Task<HttpClient> SignInAsync(YibaoServer server, string certno, string code = "888888")
    {
        // The server's own address: a server on a real socket is not at the default one.
        using var plain = server.CreateClient();
        var phone = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = plain.BaseAddress! });
        var form = await (await phone.GetAsync("/me/sign-in")).Content.ReadAsStringAsync();
        var response = await phone.PostAsync("/me/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
            ["certno"] = certno,
            ["code"] = code,
        }));
        // A server on a real socket follows the redirect whatever the options say: then the page it led to.
        Assert.Equal("/me/certificate", response.StatusCode == HttpStatusCode.Redirect
            ? response.Headers.Location?.OriginalString
            : response.RequestMessage?.RequestUri?.AbsolutePath);
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
        var (ecToken, message) = await his.DecodeQrCodeAsync(await QrAsync(await SignInAsync(server, certno)));
        Assert.True(ecToken is not null, message);
        var (verified, refused) = await his.VerifyFaceAsync(ecToken, "demo-face-ok");
        Assert.True(verified, refused);
        return ecToken;
    }

    /// <summary>The same, for an institution that speaks the native API: it authenticates the certificate calls as on the gateway.</summary>
    public static Task<string> FaceCheckedEcTokenAsync(YibaoServer server, string fixmedinsCode, string certno, string area = "330100") =>
        FaceCheckedEcTokenAsync(server, new GatewayClient(server.CreateClient(), GatewayIdentity.Demo(fixmedinsCode, area), server.Clock), certno);

    /// <summary>A form field's value in a page (hidden inputs of the phone pages).</summary>
    public static string FormField(string page, string name) =>
        Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;
}
