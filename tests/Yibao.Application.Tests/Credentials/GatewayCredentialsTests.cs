using Yibao.Storage;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Credentials;
using Yibao.Application.Reference;
using Yibao.Storage.Reference;
using Yibao.Testing;

namespace Yibao.Application.Tests.Credentials;

public sealed class GatewayCredentialsTests
{
    private static async Task<YibaoDbContext> SeededAsync()
    {
        var db = (await StorageProviders.CreateAsync("sqlite")).CreateContext();
        await DemoWorld.LoadAsync(db, TimeProvider.System, TestKeys.Protector, default);
        return db;
    }

    [Fact]
    public async Task Resolve_DemoInstitution_GivesTheDocumentedDemoToken()
    {
        await using var db = await SeededAsync();
        var resolved = await new GatewayCredentials(db, TestKeys.Protector, TimeProvider.System).ResolveAsync("H33010000001", default);
        Assert.Equal(("H33010000001", "demo-H33010000001"), resolved);
        Assert.DoesNotContain(await db.GatewayCredentials.Select(c => c.TokenCiphertext).ToListAsync(), c => c.Contains("demo-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IssueRotateRevoke_Lifecycle_OnlyTheCurrentTokenResolves()
    {
        await using var db = await SeededAsync();
        var credentials = new GatewayCredentials(db, TestKeys.Protector, TimeProvider.System);

        var issued = (await credentials.IssueAsync("H33010000003", "his-xihu", default)).Value;
        Assert.Equal(("H33010000003", issued.Token), await credentials.ResolveAsync("his-xihu", default));
        Assert.Equal("paasid_taken", (await credentials.IssueAsync("H33010000003", "his-xihu", default)).Error?.Code);

        var rotated = (await credentials.RotateAsync("his-xihu", default)).Value;
        Assert.NotEqual(issued.Token, rotated.Token);
        Assert.Equal(rotated.Token, (await credentials.ResolveAsync("his-xihu", default))?.Token);

        await credentials.RevokeAsync("his-xihu", default);
        Assert.Null(await credentials.ResolveAsync("his-xihu", default));
        Assert.Equal("institution_not_found", (await credentials.IssueAsync("NOPE", null, default)).Error?.Code);
    }

    [Fact]
    public void Protector_OtherKeyOrTamperedCiphertext_DoesNotUnprotect()
    {
        var ciphertext = TestKeys.Protector.Protect("secret-token");
        var other = new CredentialProtector(RandomNumberGenerator.GetBytes(32));
        var tampered = Convert.FromBase64String(ciphertext);
        tampered[^1] ^= 1;

        Assert.Equal("secret-token", TestKeys.Protector.Unprotect(ciphertext));
        Assert.Null(other.Unprotect(ciphertext));
        Assert.Null(TestKeys.Protector.Unprotect(Convert.ToBase64String(tampered)));
        Assert.NotEqual(ciphertext, TestKeys.Protector.Protect("secret-token"));
    }

    [Fact]
    public void FromConfiguration_NoKey_CreatesAKeyFileOnceAndReusesIt()
    {
        var file = Path.Combine(Path.GetTempPath(), $"yibao-key-{Guid.NewGuid():N}", "credential.key");
        var first = CredentialProtector.FromConfiguration(null, file);
        var second = CredentialProtector.FromConfiguration("", file);

        Assert.Equal("t", second.Unprotect(first.Protect("t")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task FromConfiguration_ManyCreateAtOnce_AllUseOneWholeKey()
    {
        for (var round = 0; round < 50; round++)
        {
            var file = Path.Combine(Path.GetTempPath(), $"yibao-key-{Guid.NewGuid():N}", "credential.key");
            using var start = new Barrier(8);
            var protectors = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return CredentialProtector.FromConfiguration(null, file);
            })));

            var ciphertext = protectors[0].Protect("t");
            Assert.All(protectors, p => Assert.Equal("t", p.Unprotect(ciphertext)));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!));
        }
    }
}
