using Yibao.Application.Prescriptions;
using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

public sealed class SigningCommandsTests
{
    [Fact]
    public async Task SigningIssue_AnInstitution_PrintsACertificateNamingIt()
    {
        await using var server = await YibaoServer.StartAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await YibaoCli.RunAsync(["signing", "issue", "--institution", "P33010000001", "-c", server.ConnectionString], output, TextWriter.Null);
        var unknown = await YibaoCli.RunAsync(["signing", "issue", "--institution", "NOPE", "-c", server.ConnectionString], TextWriter.Null, error);

        Assert.Equal((0, 1), (exit, unknown));
        var certificate = SigningCertificates.Read(output.ToString());
        Assert.Equal("P33010000001", certificate.SubjectDN.GetValueList(Org.BouncyCastle.Asn1.X509.X509Name.CN)[0]);
        Assert.Contains("institution_not_found", error.ToString(), StringComparison.Ordinal);
    }
}
