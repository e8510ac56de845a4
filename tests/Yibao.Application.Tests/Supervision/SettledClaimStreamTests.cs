using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yibao.Application.Supervision;
using Yibao.Application.Visits;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Supervision;

/// <summary>The after-event batch's read: the settled claims of a span, a patient at a time.</summary>
public sealed class SettledClaimStreamTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ReadAsync_LinesStoredOutOfTheirUploadOrder_GivesEachVisitsLinesInUploadOrder(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApplication.CreateAsync(provider, clock);
        FeeLineInput[] three = [TwoLines[0] with { FeedetlSn = "1" }, TwoLines[0] with { FeedetlSn = "2" }, TwoLines[1] with { FeedetlSn = "3" }];
        var visit = await app.OpenVisitAsync(lines: three);
        await app.SettleAsync(visit);
        await app.SettleAsync(await app.OpenVisitAsync(WangFang));
        // Upload order is id order. Give the lines ids in the reverse of the order they are stored in and
        // of their feedetl_sn, so that no plan returns them in upload order by chance: "3" first, "1" last.
        await app.ReadAsync(s => s.Db.Database.ExecuteSqlRawAsync(
            "UPDATE fee_lines SET id = id + 1000 * (4 - CAST(feedetl_sn AS INTEGER)) WHERE mdtrt_id = {0}", visit));

        var claims = await app.ReadAsync(async s =>
        {
            var read = new List<Domain.Supervision.SupervisedClaim>();
            await foreach (var patient in SettledClaimStream.ReadAsync(s.Db, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), new Dictionary<string, SupervisedInstitution>(), default))
            {
                read.AddRange(patient);
            }

            return read;
        });

        Assert.Equal([visit + "/3", visit + "/2", visit + "/1"], claims.Single(c => c.MdtrtId == visit).Lines.Select(l => l.EvidenceId));
        Assert.Equal(2, claims.Count);
    }
}
