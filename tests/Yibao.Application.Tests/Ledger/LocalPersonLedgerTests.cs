using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Ledger;

/// <summary>The ledger's lock-and-read on a real database of each provider.</summary>
public sealed class LocalPersonLedgerTests
{
    private static readonly LedgerEntry Entry = new(2026, BenefitKind.Outpatient, 10m, new Accumulator(0m, 100m));

    private static Task<Result<bool>> TakeAsync(TestScope scope) =>
        scope.Db.InTransactionAsync(scope.Use<WriteGate>(), async () =>
        {
            var ledger = await scope.Use<LocalPersonLedger>().LockAsync(ZhangWei, 2026, default);
            return (Result<bool>)(await ledger!.TakeAsync(Entry, "S1", default) is null);
        }, default);

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task LockAsync_UnitOfWorkReusedAfterAnotherCommitted_ReadsTheCommittedLedger(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var before = await app.ReadAsync(s => s.Use<LocalPersonLedger>().ReadAsync(ZhangWei, 2026, default));

        // One unit of work takes, then another, then the first again in a new transaction (as a sweep
        // does, order after order): the rows it tracked from its first turn are stale by then.
        await using var first = app.Scope();
        Assert.True((await TakeAsync(first)).Ok());
        await using (var second = app.Scope())
        {
            Assert.True((await TakeAsync(second)).Ok());
        }

        Assert.True((await TakeAsync(first)).Ok());

        var after = await app.ReadAsync(s => s.Use<LocalPersonLedger>().ReadAsync(ZhangWei, 2026, default));
        Assert.Equal(before!.Ledger.Balance - 30m, after!.Ledger.Balance);
        Assert.Equal(before.Ledger.Accumulators[BenefitKind.Outpatient].FundPaid + 300m, after.Ledger.Accumulators[BenefitKind.Outpatient].FundPaid);
    }
}
