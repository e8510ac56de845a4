using System.CommandLine;
using Yibao.Application.Prescriptions;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao signing issue --institution CODE</c>: an institution's SM2 key (kept by the platform,
/// encrypted under the credential key) and its certificate, signed by the platform's authority.
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
        return new Command("signing", "E-prescription signing keys and certificates (the platform's authority)") { issue };
    }
}
