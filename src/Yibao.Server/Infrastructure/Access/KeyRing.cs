using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Yibao.Storage;

namespace Yibao.Server.Infrastructure.Access;

/// <summary>
/// Data Protection (which protects the staff bearer tokens, the cookies and the antiforgery tokens)
/// keeps its key ring in the platform's database, so that every server process on it accepts what
/// another issued, and encrypts each key under the installation's credential key, as it does the
/// gateway tokens: a copy of the database alone opens nothing.
/// </summary>
internal static class KeyRing
{
    public static IServiceCollection AddYibaoKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Yibao").PersistKeysToDbContext<YibaoDbContext>();
        services.AddOptions<KeyManagementOptions>().Configure<CredentialProtector>((o, protector) => o.XmlEncryptor = new CredentialKeyEncryptor(protector));
        return services;
    }

    private const string Element = "credentialKeyEncrypted";

    private sealed class CredentialKeyEncryptor(CredentialProtector protector) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
            new(new XElement(Element, protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting))), typeof(CredentialKeyDecryptor));
    }

    /// <summary>Made by Data Protection itself, with the services.</summary>
    private sealed class CredentialKeyDecryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            ArgumentNullException.ThrowIfNull(encryptedElement);
            var protector = services.GetRequiredService<CredentialProtector>();
            return XElement.Parse(protector.Unprotect(encryptedElement.Value)
                ?? throw new InvalidOperationException("A Data Protection key does not open with this installation's credential key: was the key changed?"));
        }
    }
}
