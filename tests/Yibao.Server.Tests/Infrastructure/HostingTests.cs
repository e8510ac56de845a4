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
        var client = server.HisClient();

        var health = await (await client.GetAsync("/health")).JsonAsync(200);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        await using var db = server.OpenDatabase();
        Assert.Equal(6, await db.Persons.CountAsync());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheSettlementFlow()
    {
        await using var server = await YibaoServer.StartAsync();
        var document = await (await server.HisClient().GetAsync("/openapi/v1.json")).JsonAsync(200);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/visits", "/api/visits/{mdtrtId}/fees", "/api/visits/{mdtrtId}/settlement", "/api/settlements/{setlId}/cancellation", "/api/persons/identification" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }
    }

    [Fact]
    public async Task OpenApi_MutatingOperations_DeclareMsgIdSecurityAndTheirProblemCodes()
    {
        await using var server = await YibaoServer.StartAsync();
        var document = await (await server.HisClient().GetAsync("/openapi/v1.json")).JsonAsync(200);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        static bool Declares(System.Text.Json.JsonElement operation, string header) =>
            operation.TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == header && p.GetProperty("required").GetBoolean());
        // Posts that compute an answer and change nothing: a pre-settlement, a detail reconciliation, a person lookup.
        static bool ReadOnlyPosts(string path) => path.EndsWith("/pre-settlement", StringComparison.Ordinal) || path.EndsWith("/reconciliation/details", StringComparison.Ordinal) || path == "/api/persons/identification";
        static string? Scheme(System.Text.Json.JsonElement operation) =>
            operation.TryGetProperty("security", out var security) ? security.EnumerateArray().SelectMany(r => r.EnumerateObject()).Select(r => r.Name).Single() : null;

        var mutating = operations.Where(o => o.Method is "post" or "put" or "delete" && o.Path.StartsWith("/api/", StringComparison.Ordinal)
            && !ReadOnlyPosts(o.Path) && !o.Path.StartsWith("/api/payments/notify", StringComparison.Ordinal) && !o.Path.StartsWith("/api/staff/", StringComparison.Ordinal)).ToList();
        Assert.True(mutating.Count >= 15, $"only {mutating.Count} mutating operations");
        Assert.All(mutating, o => Assert.True(Declares(o.Operation, "X-Msg-Id"), $"{o.Method} {o.Path} does not declare X-Msg-Id"));
        Assert.DoesNotContain(operations, o => ReadOnlyPosts(o.Path) && Declares(o.Operation, "X-Msg-Id"));
        Assert.All(operations.Where(o => o.Path.StartsWith("/api/admin", StringComparison.Ordinal) || o.Path.StartsWith("/api/staff/me", StringComparison.Ordinal)), o => Assert.Equal("staffBearer", Scheme(o.Operation)));
        Assert.Equal("tifSignature", Scheme(operations.Single(o => o.Path.StartsWith("/fsi/", StringComparison.Ordinal)).Operation));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("staffBearer", out _));
        var notFound = operations.Single(o => o.Path == "/api/visits/{mdtrtId}" && o.Method == "get").Operation.GetProperty("responses").GetProperty("404").GetProperty("description").GetString();
        Assert.Contains("visit_not_found", notFound, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scalar_InteractiveDocs_AreServed()
    {
        await using var server = await YibaoServer.StartAsync();
        var response = await server.HisClient().GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
