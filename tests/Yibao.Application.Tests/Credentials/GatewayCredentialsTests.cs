using Microsoft.EntityFrameworkCore;
using Yibao.Application.Credentials;
using Yibao.Testing;

namespace Yibao.Application.Tests.Credentials;

public sealed class GatewayCredentialsTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListCredentials_ResolveADemoInstitution_GivesTheDocumentedDemoToken(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using var scope = app.Scope();
        var resolved = await scope.Use<ListCredentialsHandler>().HandleAsync(new ResolveCredential("H33010000001"), default);
        Assert.Equal(new ResolvedCredential("H33010000001", "demo-H33010000001"), resolved);
        Assert.DoesNotContain(await scope.Db.GatewayCredentials.Select(c => c.TokenCiphertext).ToListAsync(), c => c.Contains("demo-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task IssueCredential_NewPaasid_ResolvesOnceAndIsNotIssuedTwice(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using var scope = app.Scope();

        var issued = (await scope.Use<IssueCredentialHandler>().HandleAsync(new IssueCredential("H33010000003", "his-xihu"), default)).Value;

        Assert.Equal(new ResolvedCredential("H33010000003", issued.Token), await scope.Use<ListCredentialsHandler>().HandleAsync(new ResolveCredential("his-xihu"), default));
        Assert.Equal("paasid_taken", (await scope.Use<IssueCredentialHandler>().HandleAsync(new IssueCredential("H33010000003", "his-xihu"), default)).Error?.Code);
        Assert.Equal("institution_not_found", (await scope.Use<IssueCredentialHandler>().HandleAsync(new IssueCredential("NOPE", null), default)).Error?.Code);
        Assert.Contains("his-xihu", (await scope.Use<ListCredentialsHandler>().HandleAsync(new ListCredentials(), default)).Select(c => c.Paasid));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RotateCredential_AnIssuedOne_OnlyTheNewTokenResolves(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using var scope = app.Scope();
        var issued = (await scope.Use<IssueCredentialHandler>().HandleAsync(new IssueCredential("H33010000003", "his-xihu"), default)).Value;

        var rotated = (await scope.Use<RotateCredentialHandler>().HandleAsync(new RotateCredential("his-xihu"), default)).Value;

        Assert.NotEqual(issued.Token, rotated.Token);
        Assert.Equal(rotated.Token, (await scope.Use<ListCredentialsHandler>().HandleAsync(new ResolveCredential("his-xihu"), default))?.Token);
        Assert.Equal("credential_not_found", (await scope.Use<RotateCredentialHandler>().HandleAsync(new RotateCredential("nope"), default)).Error?.Code);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RevokeCredential_AnIssuedOne_NoLongerResolves(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using var scope = app.Scope();
        (await scope.Use<IssueCredentialHandler>().HandleAsync(new IssueCredential("H33010000003", "his-xihu"), default)).Value.ToString();

        Assert.True((await scope.Use<RevokeCredentialHandler>().HandleAsync(new RevokeCredential("his-xihu"), default)).IsSuccess);
        Assert.Null(await scope.Use<ListCredentialsHandler>().HandleAsync(new ResolveCredential("his-xihu"), default));
        Assert.Equal("credential_not_found", (await scope.Use<RevokeCredentialHandler>().HandleAsync(new RevokeCredential("nope"), default)).Error?.Code);
    }
}
