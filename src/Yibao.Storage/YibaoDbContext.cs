using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage;

/// <summary>
/// The schema, shared by both providers. Each provider has its own subclass so that each keeps its
/// own migration set (SQLite and PostgreSQL DDL differ); the model itself is defined once, here.
/// </summary>
public abstract class YibaoDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<AreaRow> Areas => Set<AreaRow>();
    public DbSet<PolicyRow> Policies => Set<PolicyRow>();
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
    public DbSet<AuditEntryRow> AuditLog => Set<AuditEntryRow>();
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

    /// <summary>Instants are stored in UTC whatever offset they carry (PostgreSQL's timestamptz insists).</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
    }

    private sealed class UtcInstantConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AreaRow>(e =>
        {
            e.HasKey(x => x.Admdvs);
            Code(e.Property(x => x.Admdvs), 6);
        });

        modelBuilder.Entity<PolicyRow>(e =>
        {
            e.HasKey(x => new { x.Area, x.Insutype, x.Year });
            Code(e.Property(x => x.Area), 6);
            Code(e.Property(x => x.Insutype), 3);
            e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CatalogueVersionRow>(e =>
        {
            e.HasKey(x => x.Id);
            Code(e.Property(x => x.Area), 6);
            e.HasIndex(x => new { x.Area, x.Version }).IsUnique();
            e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CatalogueEntryRow>(e =>
        {
            e.HasKey(x => new { x.VersionId, x.Code });
            Code(e.Property(x => x.Code), 50);
            e.Property(x => x.Name).HasMaxLength(200);
            Code(e.Property(x => x.Kind), 10);
            Code(e.Property(x => x.Class), 1);
            Ratio(e.Property(x => x.SelfpayProp));
            Price(e.Property(x => x.PriceCap));
        });

        modelBuilder.Entity<InstitutionRow>(e =>
        {
            e.HasKey(x => x.FixmedinsCode);
            Code(e.Property(x => x.FixmedinsCode), 30);
            e.Property(x => x.Name).HasMaxLength(200);
            Code(e.Property(x => x.Area), 6);
            Code(e.Property(x => x.Kind), 10);
            Code(e.Property(x => x.ReliesOn), 30);
            Code(e.Property(x => x.AgreementStatus), 12);
            e.Property(x => x.AgreementStatus).HasDefaultValue("active");
            e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.ReliesOn).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<PersonRow>(e =>
        {
            e.HasKey(x => x.PsnNo);
            Code(e.Property(x => x.PsnNo), 30);
            e.Property(x => x.Name).HasMaxLength(100);
            Code(e.Property(x => x.Gender), 1);
            Code(e.Property(x => x.Certno), 30);
            e.HasIndex(x => x.Certno).IsUnique();
            Code(e.Property(x => x.Insutype), 3);
            Code(e.Property(x => x.Area), 6);
            e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Chronic).WithOne().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Filings).WithOne().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ChronicRegistrationRow>(e =>
        {
            e.HasKey(x => x.Id);
            Code(e.Property(x => x.PsnNo), 30);
            Code(e.Property(x => x.Disease), 20);
            e.Property(x => x.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<FilingRow>(e =>
        {
            e.HasKey(x => x.Id);
            Code(e.Property(x => x.PsnNo), 30);
            Code(e.Property(x => x.Type), 20);
            e.Property(x => x.Reason).HasMaxLength(200);
            Code(e.Property(x => x.ToArea), 6);
        });

        modelBuilder.Entity<PersonalAccountRow>(e =>
        {
            e.HasKey(x => x.PsnNo);
            Code(e.Property(x => x.PsnNo), 30);
            Money(e.Property(x => x.Balance));
            e.HasOne<PersonRow>().WithOne().HasForeignKey<PersonalAccountRow>(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AccumulatorRow>(e =>
        {
            e.HasKey(x => new { x.PsnNo, x.Year, x.BenefitKind });
            Code(e.Property(x => x.PsnNo), 30);
            Code(e.Property(x => x.BenefitKind), 12);
            Money(e.Property(x => x.DeductiblePaid));
            Money(e.Property(x => x.FundPaid));
            e.HasOne<PersonRow>().WithMany().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<VisitRow>(e =>
        {
            e.HasKey(x => x.MdtrtId);
            Code(e.Property(x => x.MdtrtId), 40);
            Code(e.Property(x => x.PsnNo), 30);
            Code(e.Property(x => x.FixmedinsCode), 30);
            Code(e.Property(x => x.MedType), 6);
            Code(e.Property(x => x.Channel), 10);
            Code(e.Property(x => x.VisitKind), 10);
            Code(e.Property(x => x.OnlineService), 20);
            Code(e.Property(x => x.Filing), 20);
            Code(e.Property(x => x.InsuredArea), 6);
            Code(e.Property(x => x.TreatmentArea), 6);
            Code(e.Property(x => x.DiseaseCode), 20);
            Code(e.Property(x => x.Status), 12);
            e.HasIndex(x => new { x.PsnNo, x.VisitDate });
            e.HasIndex(x => new { x.FixmedinsCode, x.VisitDate });
            e.HasOne<PersonRow>().WithMany().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.FixmedinsCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.FeeLines).WithOne().HasForeignKey(x => x.MdtrtId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<FeeLineRow>(e =>
        {
            e.HasKey(x => x.Id);
            Code(e.Property(x => x.MdtrtId), 40);
            Code(e.Property(x => x.FeedetlSn), 40);
            e.HasIndex(x => new { x.MdtrtId, x.FeedetlSn }).IsUnique();
            Code(e.Property(x => x.Code), 50);
            e.Property(x => x.Name).HasMaxLength(200);
            Price(e.Property(x => x.Price));
            e.Property(x => x.Qty).HasPrecision(16, 4);
            Money(e.Property(x => x.Amount));
            Money(e.Property(x => x.Fulamt));
            Money(e.Property(x => x.Over));
            Money(e.Property(x => x.Pre));
            Money(e.Property(x => x.Inscp));
            Code(e.Property(x => x.ChrgitmLv), 2);
            Ratio(e.Property(x => x.SelfpayProp));
            Price(e.Property(x => x.PriceCap));
        });

        modelBuilder.Entity<SettlementRow>(e =>
        {
            e.HasKey(x => x.SetlId);
            Code(e.Property(x => x.SetlId), 40);
            Code(e.Property(x => x.MdtrtId), 40);
            Code(e.Property(x => x.PsnNo), 30);
            Code(e.Property(x => x.FixmedinsCode), 30);
            Code(e.Property(x => x.Insutype), 3);
            Code(e.Property(x => x.InsuredArea), 6);
            Code(e.Property(x => x.TreatmentArea), 6);
            Code(e.Property(x => x.MedType), 6);
            Code(e.Property(x => x.BenefitKind), 12);
            Code(e.Property(x => x.Channel), 10);
            Code(e.Property(x => x.Filing), 20);
            Code(e.Property(x => x.Status), 12);
            Ratio(e.Property(x => x.Ratio));
            foreach (var money in new[]
            {
                nameof(SettlementRow.MedfeeSumamt), nameof(SettlementRow.FulamtOwnpayAmt), nameof(SettlementRow.OverlmtSelfpay),
                nameof(SettlementRow.PreselfpayAmt), nameof(SettlementRow.InscpScpAmt), nameof(SettlementRow.ActPayDedc),
                nameof(SettlementRow.HifpPay), nameof(SettlementRow.PoolPropSelfpay), nameof(SettlementRow.FundPaySumamt),
                nameof(SettlementRow.PsnPartAmt), nameof(SettlementRow.AcctPay), nameof(SettlementRow.PsnCashPay),
                nameof(SettlementRow.Balc), nameof(SettlementRow.DeductibleDelta), nameof(SettlementRow.FundDelta),
            })
            {
                e.Property<decimal>(money).HasPrecision(16, 2);
            }

            e.HasIndex(x => x.MdtrtId);
            e.HasIndex(x => new { x.FixmedinsCode, x.SettlementDate });
            e.HasIndex(x => new { x.PsnNo, x.Year });
            e.HasOne<VisitRow>().WithMany().HasForeignKey(x => x.MdtrtId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.SetlId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SettlementLineRow>(e =>
        {
            e.HasKey(x => new { x.SetlId, x.LineNo });
            Code(e.Property(x => x.SetlId), 40);
            Code(e.Property(x => x.FeedetlSn), 40);
            Code(e.Property(x => x.Code), 50);
            Money(e.Property(x => x.Amount));
            Money(e.Property(x => x.Fulamt));
            Money(e.Property(x => x.Over));
            Money(e.Property(x => x.Pre));
            Money(e.Property(x => x.Inscp));
        });

        modelBuilder.Entity<AuditEntryRow>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.Action).HasMaxLength(60);
            e.Property(x => x.EntityType).HasMaxLength(60);
            e.Property(x => x.EntityId).HasMaxLength(100);
            e.HasIndex(x => new { x.EntityType, x.EntityId });
        });

        modelBuilder.Entity<ProcessedMessageRow>(e =>
        {
            e.HasKey(x => x.MsgId);
            e.Property(x => x.MsgId).HasMaxLength(100);
            e.Property(x => x.Fingerprint).HasMaxLength(64);
        });

        modelBuilder.Entity<GatewayCredentialRow>(e =>
        {
            e.HasKey(x => x.Paasid);
            e.Property(x => x.Paasid).HasMaxLength(40);
            Code(e.Property(x => x.FixmedinsCode), 30);
            e.Property(x => x.TokenCiphertext).HasMaxLength(400);
            e.Property(x => x.TokenFingerprint).HasMaxLength(16);
            e.HasIndex(x => x.FixmedinsCode);
            e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.FixmedinsCode).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<GatewayNonceRow>(e =>
        {
            e.HasKey(x => new { x.Paasid, x.Nonce });
            e.Property(x => x.Paasid).HasMaxLength(40);
            e.Property(x => x.Nonce).HasMaxLength(64);
            e.HasIndex(x => x.ExpiresAt);
        });

        modelBuilder.Entity<GatewaySignInRow>(e =>
        {
            e.HasKey(x => x.SignNo);
            e.Property(x => x.SignNo).HasMaxLength(30);
            Code(e.Property(x => x.FixmedinsCode), 30);
            e.Property(x => x.Opter).HasMaxLength(30);
            e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.FixmedinsCode).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EcTokenRow>(e =>
        {
            e.HasKey(x => x.EcToken);
            e.Property(x => x.EcToken).HasMaxLength(64);
            Code(e.Property(x => x.PsnNo), 30);
            Code(e.Property(x => x.FixmedinsCode), 30);
            Code(e.Property(x => x.BusinessType), 10);
            e.HasIndex(x => x.ExpiresAt);
            e.HasOne<PersonRow>().WithMany().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EcQrUseRow>(e =>
        {
            e.HasKey(x => x.QrNonce);
            e.Property(x => x.QrNonce).HasMaxLength(40);
            Code(e.Property(x => x.FixmedinsCode), 30);
        });

        modelBuilder.Entity<InternetAgreementRow>(e =>
        {
            e.HasKey(x => x.Id);
            Code(e.Property(x => x.InternetHospital), 30);
            e.Property(x => x.Services).HasMaxLength(100);
            e.Property(x => x.Diseases).HasMaxLength(2000);
            e.HasIndex(x => x.InternetHospital);
            e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.InternetHospital).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PriceListRow>(e =>
        {
            e.HasKey(x => x.Area);
            Code(e.Property(x => x.Area), 6);
            e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<PaymentOrderRow>(e =>
        {
            e.HasKey(x => x.PayOrdId);
            Code(e.Property(x => x.PayOrdId), 40);
            e.Property(x => x.PayToken).HasMaxLength(64);
            Code(e.Property(x => x.MdtrtId), 40);
            Code(e.Property(x => x.PsnNo), 30);
            Code(e.Property(x => x.FixmedinsCode), 30);
            Code(e.Property(x => x.SetlId), 40);
            Code(e.Property(x => x.Status), 20);
            Money(e.Property(x => x.MedfeeSumamt));
            Money(e.Property(x => x.FundPaySumamt));
            Money(e.Property(x => x.AcctPay));
            Money(e.Property(x => x.PsnCashPay));
            Money(e.Property(x => x.DeliveryFee));
            Money(e.Property(x => x.CashTotal));
            Code(e.Property(x => x.Provider), 20);
            Code(e.Property(x => x.ProviderTradeNo), 64);
            Code(e.Property(x => x.RefundNo), 64);
            e.Property(x => x.Note).HasMaxLength(200);
            e.HasIndex(x => new { x.Status, x.ExpiresAt });
            e.HasIndex(x => x.PsnNo);
            e.HasIndex(x => x.MdtrtId);
            e.HasOne<VisitRow>().WithMany().HasForeignKey(x => x.MdtrtId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SettlementRow>().WithMany().HasForeignKey(x => x.SetlId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.PayOrdId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PaymentOrderEventRow>(e =>
        {
            e.HasKey(x => x.Id);
            Code(e.Property(x => x.PayOrdId), 40);
            Code(e.Property(x => x.From), 20);
            Code(e.Property(x => x.To), 20);
            Code(e.Property(x => x.Actor), 40);
            e.Property(x => x.Detail).HasMaxLength(200);
        });

        UseSnakeCaseNames(modelBuilder);
    }

    private static void Code(PropertyBuilder property, int length) => property.HasMaxLength(length);

    private static void Money(PropertyBuilder property) => property.HasPrecision(16, 2);

    private static void Price(PropertyBuilder property) => property.HasPrecision(16, 4);

    private static void Ratio(PropertyBuilder property) => property.HasPrecision(6, 4);

    /// <summary>Tables and columns in snake_case, as PostgreSQL people expect (<c>fund_paid</c>, not <c>"FundPaid"</c>).</summary>
    private static void UseSnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.ClrType.Name.EndsWith("Row", StringComparison.Ordinal) ? entity.ClrType.Name[..^3] : entity.ClrType.Name;
            entity.SetTableName(ToSnakeCase(table) switch
            {
                "audit_entry" => "audit_log",
                var name => name.EndsWith('y') && !name.EndsWith("ay", StringComparison.Ordinal) ? name[..^1] + "ies" : name + "s",
            });
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteYibaoDbContext(DbContextOptions<SqliteYibaoDbContext> options) : YibaoDbContext(options);

/// <summary>Production: PostgreSQL.</summary>
public sealed class PostgresYibaoDbContext(DbContextOptions<PostgresYibaoDbContext> options) : YibaoDbContext(options);
