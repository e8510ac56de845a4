using System.Security.Cryptography;
using Yibao.Testing;

namespace Yibao.Storage.Tests;

public sealed class CredentialProtectorTests
{
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
        var file = Path.Combine(TestRun.File("key", ""), "credential.key");
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
            var file = Path.Combine(TestRun.File("key", ""), "credential.key");
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
