using Yibao.Domain.Lifecycles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Yibao.Testing;

namespace Yibao.Storage.Tests;

public sealed class DatabaseSetupTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task Model_ComparedWithItsMigrations_HasNoPendingChanges(string provider)
    {
        var options = await StorageProviders.CreateAsync(provider);
        await using var db = options.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add for both contexts");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    /// <summary>
    /// Rows the demo seed never writes — another area, institution and person, a settled visit and an
    /// audit entry — written as the first migration knew them, must all be there, unchanged, after the
    /// upgrade, with nothing seeded: a migration that drops or rewrites them fails here.
    /// </summary>
    [Fact]
    public async Task MigrateAsync_DatabaseAtFirstMigrationWithData_UpgradesKeepingEveryRow()
    {
        var options = StorageOptions.FromConnectionString(await PostgresServer.CreateDatabaseAsync("upgrade"));
        await using (var db = options.CreateContext())
        {
            var first = db.Database.GetMigrations().First();
            await db.GetService<IMigrator>().MigrateAsync(first);

            // Written as the first schema knew them, not through today's model.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO areas (admdvs, name, province) VALUES ('990100', 'Upgrade City', '990000');
                INSERT INTO institutions (fixmedins_code, name, area, kind, level, agreement_status)
                    VALUES ('H99010000009', 'Upgrade Hospital', '990100', 'physical', 2, 'suspended');
                INSERT INTO persons (psn_no, name, gender, birthday, certno, insutype, area, retired)
                    VALUES ('9901000000000099', 'Upgrade Person', '2', DATE '1971-07-07', '990100197107070021', '310', '990100', true);
                INSERT INTO personal_accounts (psn_no, balance) VALUES ('9901000000000099', 123.45);
                INSERT INTO accumulators (psn_no, year, benefit_kind, deductible_paid, fund_paid) VALUES ('9901000000000099', 2026, 'outpatient', 300.00, 1234.56);
                INSERT INTO visits (mdtrt_id, psn_no, fixmedins_code, med_type, channel, visit_kind, filing, insured_area, treatment_area, begin_time, visit_date, status)
                    VALUES ('MD-UPGRADE-1', '9901000000000099', 'H99010000009', '11', 'offline', 'followUp', 'none', '990100', '990100', TIMESTAMPTZ '2026-03-01 01:00:00+00', DATE '2026-03-01', 'settled');
                INSERT INTO settlements (setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, insured_area, treatment_area, med_type, benefit_kind, year, channel, filing,
                        effective_level, ratio, catalogue_version, policy_revision, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt,
                        act_pay_dedc, hifp_pay, pool_prop_selfpay, fund_pay_sumamt, psn_part_amt, acct_pay, psn_cash_pay, balc, deductible_delta, fund_delta,
                        status, settled_at, settlement_date)
                    VALUES ('ST-UPGRADE-1', 'MD-UPGRADE-1', '9901000000000099', 'H99010000009', '310', '990100', '990100', '11', 'outpatient', 2026, 'offline', 'none',
                        2, 0.7500, 1, 1, 1000.00, 0, 0, 0, 1000.00, 300.00, 525.00, 175.00, 525.00, 475.00, 475.00, 0, 123.45, 300.00, 525.00,
                        'settled', TIMESTAMPTZ '2026-03-01 01:30:00+00', DATE '2026-03-01');
                INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail)
                    VALUES (TIMESTAMPTZ '2026-03-01 01:30:00+00', 'H99010000009', 'settlement.settle', 'settlement', 'ST-UPGRADE-1', 'written before the upgrade');
                """);
        }

        await using (var db = options.CreateContext())
        {
            await db.MigrateAsync();
        }

        await using (var check = options.CreateContext())
        {
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
            var institution = await check.Institutions.SingleAsync();
            Assert.Equal(("Upgrade Hospital", 2, "suspended"), (institution.Name, institution.Level, institution.AgreementStatus));
            var person = await check.Persons.SingleAsync();
            Assert.Equal(("Upgrade Person", new DateOnly(1971, 7, 7), true), (person.Name, person.Birthday, person.Retired));
            Assert.Equal(123.45m, (await check.PersonalAccounts.SingleAsync()).Balance);
            var accumulator = await check.Accumulators.SingleAsync();
            Assert.Equal((300.00m, 1234.56m), (accumulator.DeductiblePaid, accumulator.FundPaid));
            var visit = await check.Visits.SingleAsync();
            Assert.Equal((VisitStatus.Settled, new DateOnly(2026, 3, 1)), (visit.Status, visit.VisitDate));
            var settlement = await check.Settlements.SingleAsync();
            Assert.Equal((1000.00m, 525.00m, 475.00m, 0.7500m, SettlementStatus.Settled), (settlement.MedfeeSumamt, settlement.FundPaySumamt, settlement.AcctPay, settlement.Ratio, settlement.Status));
            Assert.Equal(new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero), settlement.SettledAt);
            Assert.Equal("written before the upgrade", (await check.AuditLog.SingleAsync()).Detail);
        }
    }

    [Fact]
    public void FromConnectionString_HostOrFile_ChoosesTheProvider()
    {
        Assert.Equal(DatabaseProvider.Postgres, StorageOptions.FromConnectionString("Host=127.0.0.1;Database=x").Provider);
        Assert.Equal(DatabaseProvider.Sqlite, StorageOptions.FromConnectionString("Data Source=x.db").Provider);
        var fallback = StorageOptions.FromConnectionString(null, "/srv/yibao");
        Assert.Equal(DatabaseProvider.Sqlite, fallback.Provider);
        Assert.Equal("/srv/yibao/yibao.db", fallback.SqliteFile);
        Assert.Throws<ArgumentNullException>(() => StorageOptions.FromConnectionString(null));
    }

    [Theory]
    [InlineData("Host=db;Database=y", 100, true)]
    [InlineData("Host=db;Database=y;MaxAutoPrepare=5", 5, true)]
    [InlineData("Host=db;Database=y;max auto prepare=0;No Reset On Close=false", 0, false)]
    public void UsePostgres_ConnectionString_PreparesAndKeepsConnectionsUnlessItSaysOtherwise(string connectionString, int maxAutoPrepare, bool noResetOnClose)
    {
        using var db = StorageOptions.FromConnectionString(connectionString).CreateContext();

        var used = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.Equal(maxAutoPrepare, used.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, used.NoResetOnClose);
    }

    [Fact]
    public void Describe_PostgresWithPassword_NamesHostPortAndDatabaseOnly()
    {
        var described = StorageOptions.FromConnectionString("Host=db.example;Port=5433;Database=yibao;Username=u;Password=secret").Describe();

        Assert.Equal("PostgreSQL db.example:5433/yibao", described);
    }

    [Theory]
    [InlineData("Host=db;Database=y")]
    [InlineData("Data Source=pooled.db")]
    public void CreateContext_AContextDisposedWithWorkLeft_ComesBackResetWithTheContextsSettings(string connectionString)
    {
        var storage = StorageOptions.FromConnectionString(connectionString);
        var first = storage.CreateContext();
        first.Clock = new OtherClock();
        first.Database.AutoSavepointsEnabled = true;
        first.DataProtectionKeys.Add(new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey { FriendlyName = "left", Xml = "<key/>" });
        first.Dispose();

        using var second = storage.CreateContext();

        Assert.Same(first, second); // from the pool, not built again
        Assert.Empty(second.ChangeTracker.Entries());
        Assert.False(second.Database.AutoSavepointsEnabled); // as the context sets itself up, not as its last user left it
        Assert.Same(TimeProvider.System, second.Clock);
    }

    private sealed class OtherClock : TimeProvider;
}
