using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Yibao.Application.Staff;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Staff;

public sealed class StaffSignInTests
{
    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string? totp = null, bool cookie = false) =>
        client.PostAsJsonAsync("/api/staff/sign-in" + (cookie ? "?cookie=true" : ""), new { user_name = userName, password, totp_code = totp }, YibaoServer.Json);

    [Fact]
    public async Task SignIn_DemoAccount_TokenShowsItsRoles()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = await server.StaffClientAsync(StaffRoles.Audit);

        var me = await (await client.GetAsync("/api/staff/me")).JsonAsync(200);

        Assert.Equal("demo.audit", me.GetProperty("user_name").GetString());
        Assert.Equal(["audit"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(me.GetProperty("totp_enabled").GetBoolean());
    }

    [Fact]
    public async Task SignIn_WrongPasswordFiveTimes_LocksTheAccountEvenForTheRightOne()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.CreateClient();

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < StaffAccounts.MaxFailedAccessAttempts; i++)
        {
            wrong.Add((await SignInAsync(client, "demo.policy", "Wrong-pass-2026")).StatusCode);
        }

        var right = await SignInAsync(client, "demo.policy", DemoStaff.Password);
        var other = await SignInAsync(client, "demo.audit", DemoStaff.Password);

        Assert.Equal(StaffAccounts.MaxFailedAccessAttempts - 1, wrong.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal("staff_locked_out", (await right.JsonAsync(403)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownUser_AnswersLikeAWrongPassword()
    {
        await using var server = await YibaoServer.StartAsync();

        var unknown = await (await SignInAsync(server.CreateClient(), "nobody", DemoStaff.Password)).JsonAsync(401);
        var wrong = await (await SignInAsync(server.CreateClient(), "demo.admin", "Wrong-pass-2026")).JsonAsync(401);

        Assert.Equal(wrong.GetProperty("code").GetString(), unknown.GetProperty("code").GetString());
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SignIn_WithTotpTurnedOn_NeedsTheAuthenticatorsCode()
    {
        await using var server = await YibaoServer.StartAsync();
        var staff = await server.StaffClientAsync(StaffRoles.Clearing);
        var setup = await (await staff.PostAsync("/api/staff/me/totp", null)).JsonAsync(200);
        var key = setup.GetProperty("shared_key").GetString()!;
        var badCode = await staff.PutAsJsonAsync("/api/staff/me/totp", new { code = "000000" == Totp(key) ? "111111" : "000000" }, YibaoServer.Json);
        (await staff.PutAsJsonAsync("/api/staff/me/totp", new { code = Totp(key) }, YibaoServer.Json)).EnsureSuccessStatusCode();
        var client = server.CreateClient();

        var withoutCode = await SignInAsync(client, "demo.clearing", DemoStaff.Password);
        var wrongCode = await SignInAsync(client, "demo.clearing", DemoStaff.Password, Totp(key) == "123456" ? "654321" : "123456");
        var token = await YibaoServer.StaffTokenAsync(client, "demo.clearing", DemoStaff.Password, Totp(key));

        Assert.Equal("validation_failed", (await badCode.JsonAsync(400)).GetProperty("code").GetString());
        Assert.StartsWith("otpauth://totp/Yibao:demo.clearing?secret=", setup.GetProperty("otpauth_uri").GetString(), StringComparison.Ordinal);
        Assert.Equal("totp_required", (await withoutCode.JsonAsync(401)).GetProperty("code").GetString());
        Assert.Equal("staff_sign_in_failed", (await wrongCode.JsonAsync(401)).GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal("totp_already_on", (await (await staff.PostAsync("/api/staff/me/totp", null)).JsonAsync(409)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task SignIn_WithCookie_TheCookieReachesTheAdminApi()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.CreateClient();

        var signedIn = await SignInAsync(client, "demo.designation", DemoStaff.Password, cookie: true);
        var designation = await client.GetAsync("/api/admin/institutions/H33010000001/designation");
        await client.PostAsync("/api/staff/sign-out", null);
        var afterSignOut = await client.GetAsync("/api/admin/institutions/H33010000001/designation");

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("yibao.staff=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, designation.StatusCode);
        Assert.Equal("staff_unauthenticated", (await afterSignOut.JsonAsync(401)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task SignIn_TooManyFromOneAddress_AreRateLimited()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:SignInsPerMinute"] = "3" });
        var client = server.CreateClient();

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((int)(await SignInAsync(client, "demo.admin", DemoStaff.Password)).StatusCode);
        }

        var limited = await SignInAsync(client, "demo.admin", DemoStaff.Password);

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal("rate_limited", (await limited.JsonAsync(429)).GetProperty("code").GetString());
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Me_WithoutSignIn_IsUnauthenticated()
    {
        await using var server = await YibaoServer.StartAsync();

        var anonymous = await server.CreateClient().GetAsync("/api/staff/me");
        var institution = await server.InstitutionClient().GetAsync("/api/staff/me");

        Assert.Equal("staff_unauthenticated", (await anonymous.JsonAsync(401)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, institution.StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SignIn_TokenFromOneServerProcess_IsAcceptedByAnotherOnTheSameDatabase(string provider)
    {
        await using var first = await YibaoServer.StartAsync(provider);
        var token = await YibaoServer.StaffTokenAsync(first.CreateClient(), "demo.audit", DemoStaff.Password);
        await using var second = await YibaoServer.StartAsync(connectionString: first.ConnectionString);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var me = await (await client.GetAsync("/api/staff/me")).JsonAsync(200);

        Assert.Equal("demo.audit", me.GetProperty("user_name").GetString());
        await using var db = first.OpenDatabase();
        var keys = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DataProtectionKeys);
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.True(k.Xml!.Contains("<credentialKeyEncrypted", StringComparison.Ordinal), k.Xml));
        Assert.All(keys, k => Assert.DoesNotContain("<masterKey", k.Xml, StringComparison.Ordinal));
    }

    /// <summary>RFC 6238 as an authenticator app computes it: HMAC-SHA1 over 30-second steps, 6 digits, from the base32 key.</summary>
    private static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var code = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var buffer = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
