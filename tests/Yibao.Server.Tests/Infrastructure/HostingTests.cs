using System.Net;
using Microsoft.EntityFrameworkCore;
using Yibao.Testing;

namespace Yibao.Server.Tests.Infrastructure;

public sealed class HostingTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Start_FreshDatabase_MigratesSeedsAndReportsHealthy(string provider)
    {
        await using var server = await YibaoServer.StartAsync(provider);
        var client = server.CreateClient();

        var health = await (await client.GetAsync("/health")).JsonAsync(200);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        await using var db = server.OpenDatabase();
        Assert.Equal(6, await db.Persons.CountAsync());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheSettlementFlow()
    {
        await using var server = await YibaoServer.StartAsync();
        var document = await (await server.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync(200);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/visits", "/api/visits/{mdtrtId}/fees", "/api/visits/{mdtrtId}/settlement", "/api/settlements/{setlId}/cancellation", "/api/persons/{psnNo}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }
    }

    [Fact]
    public async Task Scalar_InteractiveDocs_AreServed()
    {
        await using var server = await YibaoServer.StartAsync();
        var response = await server.CreateClient().GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
