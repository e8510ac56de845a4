using Microsoft.EntityFrameworkCore;
using Yibao.Application.Prescriptions;
using Yibao.Testing;

namespace Yibao.Application.Tests.Prescriptions;

public sealed class EpcAppTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task IssueEpcApp_AnInstitution_KeepsTheSecretEncryptedAndOpensItsSealedBodies(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var issued = (await app.CommitAsync(s => s.Use<IssueEpcAppHandler>().HandleAsync(new IssueEpcApp("H33010000001", "test"), default))).Ok();
        var stored = await app.ReadAsync(s => s.Db.EpcApps.AsNoTracking().SingleAsync());
        var found = await app.ReadAsync(s => s.Use<EpcApps>().FindAsync(issued.AppId, default));
        var body = EpcEnvelope.Seal(issued.AppId, issued.AppSecret, NationalCrypto.PrivateKey(issued.PrivateKey), """{"pageNo":1}""", 1);

        Assert.StartsWith("H33010000001", issued.AppId, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.AppSecret, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(NationalCrypto.PublicKeyOf(issued.PrivateKey), stored.PublicKey);
        Assert.Equal("H33010000001", found!.Value.FixmedinsCode);
        Assert.True(EpcEnvelope.Open(body, id => found.Value.App).IsSuccess);
        Assert.Null(await app.ReadAsync(s => s.Use<EpcApps>().FindAsync("NOPE", default)));
        Assert.Equal("institution_not_found", (await app.CommitAsync(s => s.Use<IssueEpcAppHandler>().HandleAsync(new IssueEpcApp("NOPE", "test"), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task QueryCirculatingDrugs_AKeywordAndPages_ListsTheAreasPayableDrugs(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var all = (await app.ReadAsync(s => s.Use<QueryCirculatingDrugsHandler>().HandleAsync(new QueryCirculatingDrugs("P33010000001", null, 1, 2), default))).Ok();
        var second = (await app.ReadAsync(s => s.Use<QueryCirculatingDrugsHandler>().HandleAsync(new QueryCirculatingDrugs("P33010000001", null, 2, 2), default))).Ok();
        var insulin = (await app.ReadAsync(s => s.Use<QueryCirculatingDrugsHandler>().HandleAsync(new QueryCirculatingDrugs("P33010000001", "insulin", 1, 10), default))).Ok();

        Assert.Equal(4, all.Total); // class C (the supplement) never circulates
        Assert.Equal(2, all.List.Count);
        Assert.Empty(all.List.Select(d => d.MedListCodg).Intersect(second.List.Select(d => d.MedListCodg)));
        Assert.Equal(("XA10AEI032B001", "02"), (insulin.List.Single().MedListCodg, insulin.List.Single().ChrgitmLv)); // 02: class B
        Assert.Equal("institution_not_found", (await app.ReadAsync(s => s.Use<QueryCirculatingDrugsHandler>().HandleAsync(new QueryCirculatingDrugs("NOPE", null, 1, 2), default))).Refusal());
    }
}
