using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;
using Yibao.Testing;

namespace Yibao.Storage.Tests.Reference;

/// <summary>What a process hears of the reference revision moving: its own writes as they commit, and on PostgreSQL everyone's.</summary>
public sealed class ReferenceRevisionSignalTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task Moves_OwnWrites_MoveOnlyWhenReferenceDataCommits(string provider)
    {
        var options = await StorageProviders.CreateAsync(provider);
        var signal = options.ReferenceSignal;
        var start = signal.Moves;

        await using (var db = options.CreateContext())
        {
            db.AuditLog.Add(new AuditEntryRow { At = DateTimeOffset.UtcNow, Actor = "test", Action = "test", EntityType = "test", EntityId = "1" });
            await db.SaveChangesAsync();
        }

        var afterOtherRows = signal.Moves;
        await using (var db = options.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Areas.Add(new AreaRow { Admdvs = "990100", Name = "Rolled Back", Province = "990000" });
            await db.SaveChangesAsync();
            var beforeCommit = signal.Moves;
            await transaction.RollbackAsync();
            Assert.Equal(afterOtherRows, beforeCommit);
        }

        var afterRollback = signal.Moves;
        await using (var db = options.CreateContext())
        {
            db.Areas.Add(new AreaRow { Admdvs = "990200", Name = "Committed", Province = "990000" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(start, afterOtherRows);
        Assert.Equal(start, afterRollback);
        Assert.Equal(start + 1, signal.Moves);
        Assert.False(signal.Listening);
    }

    [Fact]
    public async Task ListenAsync_AnotherProcessWritesReferenceData_HearsTheMove()
    {
        var listener = await StorageProviders.CreateAsync("postgres");
        var other = StorageOptions.FromConnectionString(listener.ConnectionString); // another process: its own signal and pool
        using var stop = new CancellationTokenSource();
        var listening = listener.ReferenceSignal.ListenAsync(listener.ConnectionString, NullLogger.Instance, stop.Token);
        await Eventually.UntilAsync(() => listener.ReferenceSignal.Listening, "listening");
        var before = listener.ReferenceSignal.Moves;

        await using (var db = other.CreateContext())
        {
            db.AuditLog.Add(new AuditEntryRow { At = DateTimeOffset.UtcNow, Actor = "test", Action = "test", EntityType = "test", EntityId = "1" });
            await db.SaveChangesAsync();
        }

        await Task.Delay(200);
        var afterOtherRows = listener.ReferenceSignal.Moves;
        await using (var db = other.CreateContext())
        {
            db.Areas.Add(new AreaRow { Admdvs = "990300", Name = "Elsewhere", Province = "990000" });
            await db.SaveChangesAsync();
        }

        await Eventually.UntilAsync(() => listener.ReferenceSignal.Moves > afterOtherRows, "the other process's move heard");
        await stop.CancelAsync();
        await listening;
        Assert.Equal(before, afterOtherRows);
        Assert.False(listener.ReferenceSignal.Listening);
    }

    [Fact]
    public async Task ListenAsync_ConnectionLost_StopsListeningThenListensAgain()
    {
        var options = await StorageProviders.CreateAsync("postgres");
        var signal = options.ReferenceSignal;
        using var stop = new CancellationTokenSource();
        var listening = signal.ListenAsync(options.ConnectionString, NullLogger.Instance, stop.Token);
        await Eventually.UntilAsync(() => signal.Listening, "listening");
        var before = signal.Moves;

        await using (var admin = new NpgsqlConnection(options.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN {ReferenceRevisionSignal.Channel}'", admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        await Eventually.UntilAsync(() => !signal.Listening, "the lost connection noticed");
        var lost = signal.Moves;
        await Eventually.UntilAsync(() => signal.Listening, "listening again");
        await stop.CancelAsync();
        await listening;
        Assert.True(lost > before, "losing the connection must distrust what was cached while listening");
        Assert.True(signal.Moves > lost, "listening again must distrust what was cached while deaf");
    }
}
