using Microsoft.Extensions.DependencyInjection;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Prescriptions;

public sealed class PlatformCertificateTests
{
    [Fact]
    public async Task GetPlatformCertificate_BeforeAndAfterTheFirstIssue_IsNotFoundThenThePublishedPem()
    {
        await using var server = await YibaoServer.StartAsync();
        var anyone = server.CreateClient();

        var before = await (await anyone.GetAsync(new Uri("/epc/api/ca", UriKind.Relative))).JsonAsync(404);
        string institutionPem;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var issued = await scope.ServiceProvider.GetRequiredService<Application.Prescriptions.IssueSigningCertificateHandler>().HandleAsync(new("H33010000001", "test"), default);
            await scope.ServiceProvider.GetRequiredService<Storage.YibaoDbContext>().SaveChangesAsync();
            institutionPem = issued.Value.CertificatePem;
        }

        var after = await anyone.GetAsync(new Uri("/epc/api/ca", UriKind.Relative));
        var pem = await after.Content.ReadAsStringAsync();

        Assert.Equal("signing_authority_not_set_up", before.GetProperty("code").GetString());
        Assert.Equal("application/x-pem-file", after.Content.Headers.ContentType?.MediaType);
        var platform = Application.Prescriptions.SigningCertificates.Read(pem);
        var institution = Application.Prescriptions.SigningCertificates.Read(institutionPem);
        Assert.True(Application.Prescriptions.SigningCertificates.Vouches(institution, platform, "H33010000001", DateTimeOffset.UtcNow));
    }
}
