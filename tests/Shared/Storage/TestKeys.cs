using System.Security.Cryptography;
using Yibao.Storage;

namespace Yibao.Testing;

/// <summary>A credential key for the test run, so no test writes a key file.</summary>
public static class TestKeys
{
    public static string Base64Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static CredentialProtector Protector { get; } = new(Convert.FromBase64String(Base64Key));
}
