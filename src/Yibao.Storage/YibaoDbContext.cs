using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage.Entities;

namespace Yibao.Storage;

/// <summary>
/// The schema, shared by both providers. Each provider has its own subclass so that each keeps its
/// own migration set (SQLite and PostgreSQL DDL differ); the model itself is defined once. Tables
/// are named after the sets below and, like columns and keys, in snake_case (EFCore.NamingConventions).
/// The agency's staff accounts are ASP.NET Core Identity's, in the same database (<c>staff_*</c> tables),
/// and so is the key ring that protects their tokens.
/// </summary>
public abstract class YibaoDbContext : IdentityDbContext<StaffUser, IdentityRole, string>, IDataProtectionKeyContext
{
    protected YibaoDbContext(DbContextOptions options)
        : base(options)
    {
        // A failed save always rolls back the whole transaction here, so the savepoint EF would
        // otherwise set and release around every save inside it is two statements bought for nothing.
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>The clock the application runs on (the host sets it): it tells a past day's settlement from today's.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>This transaction bumped the reference revision (<see cref="CommittedChanges"/> tells the process as it commits).</summary>
    internal bool ReferenceWritten { get; set; }

    /// <summary>This transaction signed a gateway session out (<see cref="CommittedChanges"/> tells the process as it commits).</summary>
    internal bool SignOutWritten { get; set; }

    public DbSet<AreaRow> Areas => Set<AreaRow>();
    public DbSet<PolicyRow> Policies => Set<PolicyRow>();
    public DbSet<PolicyRevisionRow> PolicyRevisions => Set<PolicyRevisionRow>();
    public DbSet<PolicyDraftRow> PolicyDrafts => Set<PolicyDraftRow>();
    public DbSet<SimulationRunRow> SimulationRuns => Set<SimulationRunRow>();
    public DbSet<CatalogueImportRow> CatalogueImports => Set<CatalogueImportRow>();
    public DbSet<SigningKeyRow> SigningKeys => Set<SigningKeyRow>();
    public DbSet<EpcAppRow> EpcApps => Set<EpcAppRow>();
    public DbSet<PrescriptionRow> Prescriptions => Set<PrescriptionRow>();
    public DbSet<PrescriptionEventRow> PrescriptionEvents => Set<PrescriptionEventRow>();
    public DbSet<PrescriptionPassRow> PrescriptionPasses => Set<PrescriptionPassRow>();
    public DbSet<DrugTraceRow> DrugTraces => Set<DrugTraceRow>();
    public DbSet<SupervisionKnowledgeRow> SupervisionKnowledge => Set<SupervisionKnowledgeRow>();
    public DbSet<SupervisionFindingRow> SupervisionFindings => Set<SupervisionFindingRow>();
    public DbSet<SupervisionReviewRow> SupervisionReviews => Set<SupervisionReviewRow>();
    public DbSet<DeductionRow> Deductions => Set<DeductionRow>();
    public DbSet<SupervisionRunRow> SupervisionRuns => Set<SupervisionRunRow>();
    public DbSet<ClearingMonthRow> ClearingMonths => Set<ClearingMonthRow>();
    public DbSet<ClearingPairRow> ClearingPairs => Set<ClearingPairRow>();
    public DbSet<ClearingPositionRow> ClearingPositions => Set<ClearingPositionRow>();
    public DbSet<AdvanceFundRow> AdvanceFunds => Set<AdvanceFundRow>();
    public DbSet<AdvanceFundMovementRow> AdvanceFundMovements => Set<AdvanceFundMovementRow>();
    public DbSet<SplitConfirmationRow> SplitConfirmations => Set<SplitConfirmationRow>();
    public DbSet<FederationKeyRow> FederationKeys => Set<FederationKeyRow>();
    public DbSet<FederationPeerRow> FederationPeers => Set<FederationPeerRow>();
    public DbSet<FederationDecisionRow> FederationDecisions => Set<FederationDecisionRow>();
    public DbSet<FederationEntryRow> FederationEntries => Set<FederationEntryRow>();
    public DbSet<HubJournalRow> HubJournal => Set<HubJournalRow>();
    public DbSet<CatalogueVersionRow> CatalogueVersions => Set<CatalogueVersionRow>();
    public DbSet<CatalogueEntryRow> CatalogueEntries => Set<CatalogueEntryRow>();
    public DbSet<InstitutionRow> Institutions => Set<InstitutionRow>();
    public DbSet<PersonRow> Persons => Set<PersonRow>();
    public DbSet<ChronicRegistrationRow> ChronicRegistrations => Set<ChronicRegistrationRow>();
    public DbSet<FilingRow> Filings => Set<FilingRow>();
    public DbSet<PersonalAccountRow> PersonalAccounts => Set<PersonalAccountRow>();
    public DbSet<AccumulatorRow> Accumulators => Set<AccumulatorRow>();
    public DbSet<VisitRow> Visits => Set<VisitRow>();
    public DbSet<FeeLineRow> FeeLines => Set<FeeLineRow>();
    public DbSet<SettlementRow> Settlements => Set<SettlementRow>();
    public DbSet<SettlementLineRow> SettlementLines => Set<SettlementLineRow>();
    public DbSet<SettlementDayTotalRow> SettlementDayTotals => Set<SettlementDayTotalRow>();
    public DbSet<SettlementDayVersionRow> SettlementDayVersions => Set<SettlementDayVersionRow>();
    public DbSet<AuditEntryRow> AuditLog => Set<AuditEntryRow>();
    public DbSet<PersonAccessRow> PersonAccessRecords => Set<PersonAccessRow>();
    public DbSet<ProcessedMessageRow> ProcessedMessages => Set<ProcessedMessageRow>();
    public DbSet<GatewayCredentialRow> GatewayCredentials => Set<GatewayCredentialRow>();
    public DbSet<GatewayNonceRow> GatewayNonces => Set<GatewayNonceRow>();
    public DbSet<GatewaySignInRow> GatewaySignIns => Set<GatewaySignInRow>();
    public DbSet<EcTokenRow> EcTokens => Set<EcTokenRow>();
    public DbSet<EcQrUseRow> EcQrUses => Set<EcQrUseRow>();
    public DbSet<InternetAgreementRow> InternetAgreements => Set<InternetAgreementRow>();
    public DbSet<PriceListRow> PriceLists => Set<PriceListRow>();
    public DbSet<PaymentOrderRow> PaymentOrders => Set<PaymentOrderRow>();
    public DbSet<PaymentOrderEventRow> PaymentOrderEvents => Set<PaymentOrderEventRow>();
    public DbSet<ReferenceRevisionRow> ReferenceRevisions => Set<ReferenceRevisionRow>();

    /// <summary>The server's Data Protection key ring (staff tokens and cookies), shared by every server process on this database; each key encrypted under the credential key.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The entities whose changes bump the reference revision: what processes keep in memory.</summary>
    private static readonly HashSet<Type> ReferenceEntities =
    [
        typeof(AreaRow), typeof(PolicyRow), typeof(CatalogueVersionRow), typeof(CatalogueEntryRow), typeof(PriceListRow),
        typeof(InstitutionRow), typeof(InternetAgreementRow), typeof(GatewayCredentialRow), typeof(SupervisionKnowledgeRow),
    ];

    /// <summary>
    /// Saves, and when reference data changed, bumps the reference revision in the same transaction
    /// (the row lock also serializes concurrent reference writers), so that no process keeps what
    /// it cached under the old revision.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once, here, and not again by the save itself.
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            bool reference = false, signOut = false;
            foreach (var entry in ChangeTracker.Entries())
            {
                reference |= entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ReferenceEntities.Contains(entry.Metadata.ClrType);
                signOut |= entry.State is EntityState.Modified or EntityState.Deleted && entry.Entity is GatewaySignInRow;
            }

            var pastDays = PastSettlementDays();
            if (!reference && !signOut && pastDays.Count == 0)
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }

            // In a transaction of its own if it has none, so that the signals hear of it as it commits.
            await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            SignOutWritten |= signOut;
            if (reference)
            {
                ReferenceWritten = true; // the signal hears of it when the transaction commits
                await Database.ExecuteSqlAsync($"UPDATE reference_revisions SET revision = revision + 1 WHERE id = {ReferenceRevisionRow.SingletonId}", cancellationToken);
            }

            foreach (var day in pastDays)
            {
                await Database.ExecuteSqlAsync($"INSERT INTO settlement_day_versions (day, version) VALUES ({day}, 1) ON CONFLICT (day) DO UPDATE SET version = settlement_day_versions.version + 1", cancellationToken);
            }

            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// The days before today (UTC, which no agency's today precedes) of settlements being written:
    /// the dashboard keeps such days' totals, and a write makes them stale. Today's settlements, the
    /// hot path, cost nothing here.
    /// </summary>
    private List<DateOnly> PastSettlementDays()
    {
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        return [.. ChangeTracker.Entries<SettlementRow>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity.SettlementDate < today)
            .Select(e => e.Entity.SettlementDate)
            .Distinct()
            .Order()];
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>Instants are stored in UTC whatever offset they carry (PostgreSQL's timestamptz insists).</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
    }

    private sealed class UtcInstantConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value);

    /// <summary>One configuration per entity, beside its feature's rows (<c>Configuration/</c>).</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(YibaoDbContext).Assembly);
    }
}

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteYibaoDbContext(DbContextOptions<SqliteYibaoDbContext> options) : YibaoDbContext(options);

/// <summary>Production: PostgreSQL.</summary>
public sealed class PostgresYibaoDbContext(DbContextOptions<PostgresYibaoDbContext> options) : YibaoDbContext(options);
