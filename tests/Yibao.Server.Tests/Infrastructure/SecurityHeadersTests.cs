using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Yibao.Testing;

namespace Yibao.Server.Tests.Infrastructure;

public sealed partial class SecurityHeadersTests
{
    [GeneratedRegex("<script nonce=\"([^\"]+)\">")]
    private static partial Regex ScriptNonce();

    [Fact]
    public async Task Pages_CarryACspWhoseNonceIsTheOneOfThePagesScript()
    {
        await using var server = await YibaoServer.StartAsync();
        var phone = await Phone.SignInAsync(server, "330106196803140013");

        var response = await phone.GetAsync("/me/certificate");
        var page = await response.Content.ReadAsStringAsync();
        var again = await phone.GetAsync("/me/certificate");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = ScriptNonce().Match(page).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"script-src 'self' 'nonce-{nonce}'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, again.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Api_Answers_AreNotSniffedEvenWhenRefused()
    {
        await using var server = await YibaoServer.StartAsync();

        var refused = await server.CreateClient().GetAsync("/api/visits/MDnope");

        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task OutsideDevelopment_HttpsAnswersCarryHstsAndCookiesAreSecure()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["environment"] = "Production" });
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://yibao.example/"), AllowAutoRedirect = false });

        var signIn = await client.GetAsync("/me/sign-in");
        var staff = await client.PostAsync("/api/staff/sign-in?cookie=true", System.Net.Http.Json.JsonContent.Create(new { user_name = "demo.audit", password = Application.Staff.DemoStaff.Password }, options: YibaoServer.Json));

        Assert.StartsWith("max-age=31536000", signIn.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.All(signIn.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(staff.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }
}
