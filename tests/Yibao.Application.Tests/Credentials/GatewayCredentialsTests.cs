using Microsoft.EntityFrameworkCore;
using Yibao.Application.Credentials;
using Yibao.Testing;

namespace Yibao.Application.Tests.Credentials;

public sealed class GatewayCredentialsTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task Resolve_DemoInstitution_GivesTheDocumentedDemoToken(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using var scope = app.Scope();
        var resolved = await scope.Use<ListCredentialsHandler>().HandleAsync(new ResolveCredential("H33010000001"), default);
        Assert.Equal(new ResolvedCredential("H33010000001", "demo-H33010000001"), resolved);
        Assert.DoesNotContain(await scope.Db.GatewayCredentials.Select(c => c.TokenCiphertext).ToListAsync(), c => c.Contains("demo-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task IssueRotateRevoke_Lifecycle_OnlyTheCurrentTokenResolves(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using var scope = app.Scope();
        var resolve = scope.Use<ListCredentialsHandler>();

        var issued = (await scope.Use<IssueCredentialHandler>().HandleAsync(new IssueCredential("H33010000003", "his-xihu"), default)).Value;
        Assert.Equal(new ResolvedCredential("H33010000003", issued.Token), await resolve.HandleAsync(new ResolveCredential("his-xihu"), default));
        Assert.Equal("paasid_taken", (await scope.Use<IssueCredentialHandler>().HandleAsync(new IssueCredential("H33010000003", "his-xihu"), default)).Error?.Code);

        var rotated = (await scope.Use<RotateCredentialHandler>().HandleAsync(new RotateCredential("his-xihu"), default)).Value;
        Assert.NotEqual(issued.Token, rotated.Token);
        Assert.Equal(rotated.Token, (await resolve.HandleAsync(new ResolveCredential("his-xihu"), default))?.Token);

        Assert.True((await scope.Use<RevokeCredentialHandler>().HandleAsync(new RevokeCredential("his-xihu"), default)).IsSuccess);
        Assert.Null(await resolve.HandleAsync(new ResolveCredential("his-xihu"), default));
        Assert.Equal("credential_not_found", (await scope.Use<RotateCredentialHandler>().HandleAsync(new RotateCredential("nope"), default)).Error?.Code);
        Assert.Equal("institution_not_found", (await scope.Use<IssueCredentialHandler>().HandleAsync(new IssueCredential("NOPE", null), default)).Error?.Code);
        Assert.Contains("his-xihu", (await scope.Use<ListCredentialsHandler>().HandleAsync(new ListCredentials(), default)).Select(c => c.Paasid));
    }
}
