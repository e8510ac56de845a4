using Yibao.Storage;

namespace Yibao.Cli;

/// <summary>The settings the CLI shares with the server, read from the same environment variables.</summary>
internal static class CliConfiguration
{
    /// <summary>The server's credential key: <c>Yibao__CredentialKey</c>, else the key file <c>data/credential.key</c>.</summary>
    public static CredentialProtector CredentialProtector() =>
        Storage.CredentialProtector.FromConfiguration(Environment.GetEnvironmentVariable("Yibao__CredentialKey"));
}
