using Yibao.Application.ECertificates;
using Yibao.Application.Reference;
using Yibao.Domain.Interchange;
using Yibao.Testing;

namespace Yibao.Application.Tests.ECertificates;

public sealed class DemoPersonSignInTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task VerifyAsync_DemoCode_OnlyForTheDemoDataSetsOwnPersons(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var zhang = WorldJson.ReadPersons(DemoWorld.Read("persons.json")).Value.Single(p => p.PsnNo == "3301000000000001");
        var imported = await app.CommitAsync(s => s.Use<ImportPersonsHandler>().HandleAsync(
            new ImportPersons(PersonFiles.FromDocument([zhang with { PsnNo = "3301000000000077", Certno = "330106199001010077", Name = "Agency person" }]), true, false, "test"), default));
        Assert.True(imported.IsSuccess, imported.Error?.ToString());
        await using var scope = app.Scope();
        var signIn = scope.Use<IPersonSignIn>();

        Assert.Equal("3301000000000001", await signIn.VerifyAsync(zhang.Certno, DemoPersonSignIn.DemoCode, default));
        Assert.Null(await signIn.VerifyAsync(zhang.Certno, "123456", default));
        Assert.Null(await signIn.VerifyAsync("330106199001010077", DemoPersonSignIn.DemoCode, default));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task VerifyAsync_WithoutTheDemoDataSet_TheDemoCodeOpensNothing(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider, seed: false);
        await using var scope = app.Scope();

        Assert.Null(await scope.Use<IPersonSignIn>().VerifyAsync("330106196803140013", DemoPersonSignIn.DemoCode, default));
    }
}
