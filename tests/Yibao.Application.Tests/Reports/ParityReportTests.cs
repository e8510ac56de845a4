using Yibao.Application.Reports;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Reports;

public sealed class ParityReportTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task GetParityReport_OfflineSettlements_AreCountedByBenefitAndChannel(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await app.SettleAsync(await app.OpenVisitAsync());
        await app.SettleAsync(await app.OpenVisitAsync(psnNo: WangFang));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var rows = await app.ReadAsync(s => s.Use<GetParityReportHandler>().HandleAsync(new GetParityReport("330100", today.AddDays(-1), today), default));

        var row = Assert.Single(rows);
        Assert.Equal(("outpatient", "offline", 2), (row.BenefitKind, row.Channel, row.Count));
        Assert.Equal(2 * 110.80m, row.MedfeeSumamt);
        Assert.Empty(await app.ReadAsync(s => s.Use<GetParityReportHandler>().HandleAsync(new GetParityReport("110100", today.AddDays(-1), today), default)));
    }
}
