using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Application.Credentials;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao credentials issue|rotate|revoke|list</c>: institutions' gateway credentials. A token is
/// printed once, when issued or rotated; the platform keeps it encrypted under the credential key
/// (<c>Yibao__CredentialKey</c>, else <c>credential.key</c> in the data directory: the same as the server's).
/// </summary>
internal static class CredentialCommands
{
    public static Command Create()
    {
        var command = new Command("credentials", "Issue, rotate, revoke and list institutions' gateway credentials (x-tif-paasid and token)");
        var institution = new Option<string>("--institution") { Description = "fixmedins_code of the institution", Required = true };
        var paasid = new Option<string?>("--paasid") { Description = "The access id (default: the institution code)" };
        var requiredPaasid = new Option<string>("--paasid") { Description = "The access id", Required = true };

        var issue = new Command("issue", "Issue a credential; prints the token once") { institution, paasid };
        issue.SetAction((parse, ct) => RunAsync(parse, cli => cli.Use<IssueCredentialHandler>().HandleAsync(new IssueCredential(parse.GetValue(institution)!, parse.GetValue(paasid)), ct), ct));
        var rotate = new Command("rotate", "Replace a credential's token; the old one stops working at once") { requiredPaasid };
        rotate.SetAction((parse, ct) => RunAsync(parse, cli => cli.Use<RotateCredentialHandler>().HandleAsync(new RotateCredential(parse.GetValue(requiredPaasid)!), ct), ct));
        var revokePaasid = new Option<string>("--paasid") { Description = "The access id", Required = true };
        var revoke = new Command("revoke", "Revoke a credential") { revokePaasid };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var revoked = await cli.Use<RevokeCredentialHandler>().HandleAsync(new RevokeCredential(parse.GetValue(revokePaasid)!), ct);
            return await CliConsole.ReportAsync(parse, revoked, p => $"Revoked {p}.");
        });
        var list = new Command("list", "List credentials (fingerprints only, never tokens)");
        list.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var rows = await cli.Use<ListCredentialsHandler>().HandleAsync(new ListCredentials(), ct);
            var table = new Table().AddColumns("paasid", "institution", "token fingerprint", "demo", "created", "revoked");
            foreach (var row in rows)
            {
                table.AddRow(row.Paasid, row.FixmedinsCode, row.TokenFingerprint, row.IsDemo ? "yes" : "", row.CreatedAt.ToString("u", CultureInfo.InvariantCulture), row.RevokedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "");
            }

            Console(parse).Write(table);
            return 0;
        });
        command.Subcommands.Add(issue);
        command.Subcommands.Add(rotate);
        command.Subcommands.Add(revoke);
        command.Subcommands.Add(list);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<CliServices, Task<Result<IssuedCredential>>> action, CancellationToken ct)
    {
        await using var cli = await CliServices.OpenAsync(parse, ct);
        var result = await action(cli);
        return await CliConsole.ReportAsync(parse, result, c => $"paasid:      {c.Paasid}\ninstitution: {c.FixmedinsCode}\ntoken:       {c.Token}\nfingerprint: {c.Fingerprint}\n(the token is shown only now)");
    }

    private static IAnsiConsole Console(ParseResult parse) => CliConsole.Create(parse.InvocationConfiguration.Output);
}
