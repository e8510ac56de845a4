using Yibao.Testing;
using System.Text.RegularExpressions;
using Yibao.Storage;
using Yibao.Application.Credentials;

namespace Yibao.Cli.Tests.Commands;

public sealed partial class CredentialCommandsTests
{
    [GeneratedRegex(@"token:\s+([0-9a-f]{48})")]
    private static partial Regex TokenLine();

    [Fact]
    public async Task Credentials_IssueListRotateRevoke_TokenShownOnceAndOnlyTheCurrentOneWorks()
    {
        var connection = $"Data Source={TestRun.File("cred", ".db")}";
        Assert.Equal(0, (await InProcess.RunAsync("seed", "-c", connection)).Exit);

        var issued = await InProcess.RunAsync("credentials", "issue", "--institution", "H33010000003", "--paasid", "his-xihu", "-c", connection);
        var token = TokenLine().Match(issued.Output).Groups[1].Value;
        var listed = await InProcess.RunAsync("credentials", "list", "-c", connection);
        var rotated = await InProcess.RunAsync("credentials", "rotate", "--paasid", "his-xihu", "-c", connection);
        var newToken = TokenLine().Match(rotated.Output).Groups[1].Value;

        Assert.Equal(0, issued.Exit);
        Assert.NotEmpty(token);
        Assert.Contains("his-xihu", listed.Output, StringComparison.Ordinal);
        Assert.Contains(CredentialProtector.Fingerprint(token), listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.Output, StringComparison.Ordinal);
        Assert.NotEqual(token, newToken);

        await using (var cli = await CliServices.OpenAsync(YibaoCli.Build().Parse(["-c", connection]), default))
        {
            Assert.Equal(new ResolvedCredential("H33010000003", newToken), await cli.Use<ListCredentialsHandler>().HandleAsync(new ResolveCredential("his-xihu"), default));
        }

        Assert.Equal(0, (await InProcess.RunAsync("credentials", "revoke", "--paasid", "his-xihu", "-c", connection)).Exit);
        await using (var cli = await CliServices.OpenAsync(YibaoCli.Build().Parse(["-c", connection]), default))
        {
            Assert.Null(await cli.Use<ListCredentialsHandler>().HandleAsync(new ResolveCredential("his-xihu"), default));
        }
    }

    [Fact]
    public async Task CredentialsIssue_UnknownInstitution_ExitsOneWithTheReason()
    {
        var connection = $"Data Source={TestRun.File("cred", ".db")}";
        Assert.Equal(0, (await InProcess.RunAsync("migrate", "-c", connection)).Exit);
        var result = await InProcess.RunAsync("credentials", "issue", "--institution", "NOPE", "-c", connection);

        Assert.Equal(1, result.Exit);
        Assert.Contains("institution_not_found", result.Error, StringComparison.Ordinal);
    }
}
