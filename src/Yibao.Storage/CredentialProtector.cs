using System.Security.Cryptography;
using System.Text;

namespace Yibao.Storage;

/// <summary>
/// Encrypts institution tokens at rest with AES-GCM under the platform's credential key: the key
/// from configuration (<c>Yibao:CredentialKey</c>, 32 bytes in base64) or, on a machine without one,
/// a key file created once in the installation's data directory (<c>credential.key</c>).
/// </summary>
public sealed class CredentialProtector
{
    /// <summary>The key file's name in the installation's data directory.</summary>
    public const string KeyFileName = "credential.key";
    private const int NonceSize = 12;
    private const int KeyBase64Length = 44;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public CredentialProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("the credential key is 32 bytes", nameof(key));
        }

        _key = key;
    }

    /// <summary>The configured key, else the key file (created with a fresh random key when missing).</summary>
    public static CredentialProtector FromConfiguration(string? base64Key, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(base64Key))
        {
            return new CredentialProtector(Convert.FromBase64String(base64Key));
        }

        var path = Path.GetFullPath(keyFile);
        if (!File.Exists(path))
        {
            TryCreateKeyFile(path);
        }

        return new CredentialProtector(ReadKeyFile(path));
    }

    /// <summary>Creates the key file exclusively (O_EXCL); when another process got there first, theirs is kept.</summary>
    private static void TryCreateKeyFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream stream;
        try
        {
            // Shared, so that a reader waiting for the key never makes this creator's lock fail.
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        }
        catch (IOException) when (File.Exists(path))
        {
            return; // Another process is creating it: ReadKeyFile waits for the whole key.
        }

        using (stream)
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        }
    }

    /// <summary>
    /// The key in the file. A file another process has just created may still be open or short for a
    /// moment, so a short or locked read is retried briefly before it counts as a broken key file.
    /// </summary>
    private static byte[] ReadKeyFile(string path)
    {
        const int attempts = 200;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length >= KeyBase64Length || attempt == attempts)
                {
                    return Convert.FromBase64String(text);
                }
            }
            catch (IOException) when (attempt < attempts)
            {
                // Still held by its creator.
            }

            Thread.Sleep(10);
        }
    }

    public string Protect(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var plain = Encoding.UTF8.GetBytes(token);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    /// <summary>The token, or null when the ciphertext was not made with this key.</summary>
    public string? Unprotect(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var input = Convert.FromBase64String(ciphertext);
        if (input.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plain = new byte[input.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>A key for another purpose (e.g. signing QR codes), derived from the credential key with HKDF.</summary>
    public byte[] DeriveKey(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, info: Encoding.UTF8.GetBytes(purpose));

    public static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}
