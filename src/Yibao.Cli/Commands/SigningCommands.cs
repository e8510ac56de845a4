using System.CommandLine;
using Yibao.Application.Prescriptions;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao signing issue --institution CODE</c>: an institution's SM2 key (kept by the platform,
/// encrypted under the credential key) and its certificate, signed by the platform's authority;
/// <c>yibao signing app --institution CODE</c>: its app on the e-prescription transport.
/// </summary>
internal static class SigningCommands
{
    public static Command Create()
    {
        var institution = new Option<string>("--institution") { Description = "fixmedins_code of the institution", Required = true };
        var issue = new Command("issue", "Issue the institution a new SM2 signing key and certificate; prints the certificate (PEM)") { institution };
        issue.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var issued = await cli.Use<IssueSigningCertificateHandler>().HandleAsync(new IssueSigningCertificate(parse.GetValue(institution)!, "cli"), ct);
            if (!issued.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(issued.Error.ToString());
                return 1;
            }

            await cli.Db.SaveChangesAsync(ct);
            await parse.InvocationConfiguration.Output.WriteAsync(issued.Value.CertificatePem);
            return 0;
        });
        var appInstitution = new Option<string>("--institution") { Description = "fixmedins_code of the institution", Required = true };
        var app = new Command("app", "Issue the institution an app on the e-prescription transport; prints appId, appSecret and the app's SM2 private key, once") { appInstitution };
        app.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var issued = await cli.Use<IssueEpcAppHandler>().HandleAsync(new IssueEpcApp(parse.GetValue(appInstitution)!, "cli"), ct);
            if (!issued.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(issued.Error.ToString());
                return 1;
            }

            await cli.Db.SaveChangesAsync(ct);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"appId      {issued.Value.AppId}");
            await output.WriteLineAsync($"appSecret  {issued.Value.AppSecret}");
            await output.WriteLineAsync($"privateKey {issued.Value.PrivateKey}");
            await parse.InvocationConfiguration.Error.WriteLineAsync("Keep the secret and the private key: they are not shown again.");
            return 0;
        });
        return new Command("signing", "E-prescription signing keys, certificates and transport apps (the platform's authority)") { issue, app };
    }
}
