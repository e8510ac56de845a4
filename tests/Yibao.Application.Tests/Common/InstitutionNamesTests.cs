using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Common;

public sealed class InstitutionNamesTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetInstitutionNames_KnownAndUnknownCodes_NamesTheKnownOnes(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var names = await app.ReadAsync(s => s.Use<GetInstitutionNamesHandler>().HandleAsync(new GetInstitutionNames([Hospital, Hospital, "NOPE"]), default));

        Assert.Equal([Hospital], names.Keys);
        Assert.False(string.IsNullOrWhiteSpace(names[Hospital]));
    }
}
