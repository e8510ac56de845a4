using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yibao.Storage.Entities;
using Yibao.Testing;

namespace Yibao.Storage.Tests;

/// <summary>What a process hears of the reference revision moving and of sign-outs: its own writes as they commit, and on PostgreSQL everyone's.</summary>
public sealed class ChangeSignalsTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task Moves_OwnWrites_MoveOnlyWhenReferenceDataCommits(string provider)
    {
        var options = await StorageProviders.CreateAsync(provider);
        var signal = options.Signals;
        var start = signal.ReferenceMoves;

        await using (var db = options.CreateContext())
        {
            db.AuditLog.Add(new AuditEntryRow { At = DateTimeOffset.UtcNow, Actor = "test", Action = "test", EntityType = "test", EntityId = "1" });
            await db.SaveChangesAsync();
        }

        var afterOtherRows = signal.ReferenceMoves;
        await using (var db = options.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Areas.Add(new AreaRow { Admdvs = "990100", Name = "Rolled Back", Province = "990000" });
            await db.SaveChangesAsync();
            var beforeCommit = signal.ReferenceMoves;
            await transaction.RollbackAsync();
            Assert.Equal(afterOtherRows, beforeCommit);
        }

        var afterRollback = signal.ReferenceMoves;
        await using (var db = options.CreateContext())
        {
            db.Areas.Add(new AreaRow { Admdvs = "990200", Name = "Committed", Province = "990000" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(start, afterOtherRows);
        Assert.Equal(start, afterRollback);
        Assert.Equal(start + 1, signal.ReferenceMoves);
        Assert.False(signal.Listening);
    }

    [Fact]
    public async Task ListenAsync_AnotherProcessWritesReferenceData_HearsTheMove()
    {
        var listener = await StorageProviders.CreateAsync("postgres");
        var other = StorageOptions.FromConnectionString(listener.ConnectionString); // another process: its own signal and pool
        await using var listening = await Listening.StartAsync(listener);
        var before = listener.Signals.ReferenceMoves;

        await using (var db = other.CreateContext())
        {
            db.AuditLog.Add(new AuditEntryRow { At = DateTimeOffset.UtcNow, Actor = "test", Action = "test", EntityType = "test", EntityId = "1" });
            await db.SaveChangesAsync();
        }

        await Task.Delay(200);
        var afterOtherRows = listener.Signals.ReferenceMoves;
        await using (var db = other.CreateContext())
        {
            db.Areas.Add(new AreaRow { Admdvs = "990300", Name = "Elsewhere", Province = "990000" });
            await db.SaveChangesAsync();
        }

        await Eventually.UntilAsync(() => listener.Signals.ReferenceMoves > afterOtherRows, "the other process's move heard");
        await listening.DisposeAsync();
        Assert.Equal(before, afterOtherRows);
        Assert.False(listener.Signals.Listening);
    }

    [Fact]
    public async Task ListenAsync_ConnectionLost_StopsListeningThenListensAgain()
    {
        var options = await StorageProviders.CreateAsync("postgres");
        var signal = options.Signals;
        await using var listening = await Listening.StartAsync(options);
        var before = signal.ReferenceMoves;

        await using (var admin = new NpgsqlConnection(options.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'", admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        await Eventually.UntilAsync(() => !signal.Listening, "the lost connection noticed");
        var lost = signal.ReferenceMoves;
        await Eventually.UntilAsync(() => signal.Listening, "listening again");
        await listening.DisposeAsync();
        Assert.True(lost > before, "losing the connection must distrust what was cached while listening");
        Assert.True(signal.ReferenceMoves > lost, "listening again must distrust what was cached while deaf");
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SignOuts_OwnSignOut_MovesOnlyWhenItCommits(string provider)
    {
        var options = await StorageProviders.CreateAsync(provider);
        await SignInAsync(options, "SN-OWN");
        var signals = options.Signals;
        var start = signals.SignOuts;

        await using (var db = options.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.GatewaySignIns.SingleAsync(s => s.SignNo == "SN-OWN")).SignedOutAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            var beforeCommit = signals.SignOuts;
            await transaction.RollbackAsync();
            Assert.Equal(start, beforeCommit);
        }

        var afterRollback = signals.SignOuts;
        await using (var db = options.CreateContext())
        {
            (await db.GatewaySignIns.SingleAsync(s => s.SignNo == "SN-OWN")).SignedOutAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        Assert.Equal(start, afterRollback);
        Assert.Equal(start + 1, signals.SignOuts);
        Assert.False(signals.Listening);
    }

    [Fact]
    public async Task ListenAsync_AnotherProcessSignsOut_HearsTheSignOut()
    {
        var listener = await StorageProviders.CreateAsync("postgres");
        var other = StorageOptions.FromConnectionString(listener.ConnectionString); // another process: its own signals and pool
        await using var listening = await Listening.StartAsync(listener);
        await SignInAsync(other, "SN-ELSEWHERE");
        await Task.Delay(200);
        var afterSignIn = listener.Signals.SignOuts;
        var references = listener.Signals.ReferenceMoves;

        await using (var db = other.CreateContext())
        {
            (await db.GatewaySignIns.SingleAsync(s => s.SignNo == "SN-ELSEWHERE")).SignedOutAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        await Eventually.UntilAsync(() => listener.Signals.SignOuts > afterSignIn, "the other process's sign-out heard");
        var referencesAfter = listener.Signals.ReferenceMoves;
        await listening.DisposeAsync();
        Assert.Equal(references, referencesAfter);
    }

    /// <summary>Opens a gateway session at a new institution (a reference write, made first).</summary>
    private static async Task SignInAsync(StorageOptions options, string signNo)
    {
        await using var db = options.CreateContext();
        var code = $"H{signNo}";
        db.Areas.Add(new AreaRow { Admdvs = "990400", Name = "Signing", Province = "990000" });
        db.Institutions.Add(new InstitutionRow { FixmedinsCode = code, Name = "Signing Hospital", Area = "990400", Kind = "hospital", Level = 2 });
        await db.SaveChangesAsync();
        db.GatewaySignIns.Add(new GatewaySignInRow { SignNo = signNo, FixmedinsCode = code, Opter = "op1", SignedInAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }
}
