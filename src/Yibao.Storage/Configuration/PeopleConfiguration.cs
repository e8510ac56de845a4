using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<PersonRow>
{
    public void Configure(EntityTypeBuilder<PersonRow> e)
    {
        e.HasKey(x => x.PsnNo);
        e.Property(x => x.PsnNo).Code(30);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Gender).Code(1);
        e.Property(x => x.Certno).Code(30);
        e.HasIndex(x => x.Certno).IsUnique();
        e.Property(x => x.Insutype).Code(3);
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.Naty).Code(2);
        e.Property(x => x.CardSn).Code(50);
        e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Chronic).WithOne().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Filings).WithOne().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChronicRegistrationConfiguration : IEntityTypeConfiguration<ChronicRegistrationRow>
{
    public void Configure(EntityTypeBuilder<ChronicRegistrationRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.PsnNo).Code(30);
        e.Property(x => x.Disease).Code(20);
        e.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class FilingConfiguration : IEntityTypeConfiguration<FilingRow>
{
    public void Configure(EntityTypeBuilder<FilingRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.PsnNo).Code(30);
        e.Property(x => x.Type).Code(20);
        e.Property(x => x.Reason).HasMaxLength(200);
        e.Property(x => x.ToArea).Code(6);
        e.Property(x => x.FiledVia).HasMaxLength(16);
        e.Property(x => x.EndedVia).HasMaxLength(16);
    }
}

internal sealed class PersonalAccountConfiguration : IEntityTypeConfiguration<PersonalAccountRow>
{
    public void Configure(EntityTypeBuilder<PersonalAccountRow> e)
    {
        e.HasKey(x => x.PsnNo);
        e.Property(x => x.PsnNo).Code(30);
        e.Property(x => x.Balance).Money();
        e.HasOne<PersonRow>().WithOne().HasForeignKey<PersonalAccountRow>(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccumulatorConfiguration : IEntityTypeConfiguration<AccumulatorRow>
{
    public void Configure(EntityTypeBuilder<AccumulatorRow> e)
    {
        e.HasKey(x => new { x.PsnNo, x.Year, x.BenefitKind });
        e.Property(x => x.PsnNo).Code(30);
        e.Property(x => x.BenefitKind).Code(12);
        e.Property(x => x.DeductiblePaid).Money();
        e.Property(x => x.FundPaid).Money();
        e.HasOne<PersonRow>().WithMany().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
    }
}
