using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<AreaRow>
{
    public void Configure(EntityTypeBuilder<AreaRow> e)
    {
        e.HasKey(x => x.Admdvs);
        e.Property(x => x.Admdvs).Code(6);
    }
}

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<PolicyRow>
{
    public void Configure(EntityTypeBuilder<PolicyRow> e)
    {
        e.HasKey(x => new { x.Area, x.Insutype, x.Year });
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.Insutype).Code(3);
        e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PolicyRevisionConfiguration : IEntityTypeConfiguration<PolicyRevisionRow>
{
    public void Configure(EntityTypeBuilder<PolicyRevisionRow> e)
    {
        e.HasKey(x => new { x.Area, x.Insutype, x.Year, x.Revision });
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.Insutype).Code(3);
        e.Property(x => x.LoadedBy).HasMaxLength(64);
    }
}

internal sealed class PolicyDraftConfiguration : IEntityTypeConfiguration<PolicyDraftRow>
{
    public void Configure(EntityTypeBuilder<PolicyDraftRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.Insutype).Code(3);
        e.Property(x => x.Status).HasMaxLength(10);
        e.Property(x => x.CreatedBy).HasMaxLength(64);
        e.HasIndex(x => new { x.Area, x.Insutype, x.Year });
    }
}

internal sealed class SimulationRunConfiguration : IEntityTypeConfiguration<SimulationRunRow>
{
    public void Configure(EntityTypeBuilder<SimulationRunRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Status).HasMaxLength(10);
        e.Property(x => x.StartedBy).HasMaxLength(64);
        e.HasOne<PolicyDraftRow>().WithMany().HasForeignKey(x => x.DraftId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogueImportConfiguration : IEntityTypeConfiguration<CatalogueImportRow>
{
    public void Configure(EntityTypeBuilder<CatalogueImportRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.Status).HasMaxLength(10);
        e.Property(x => x.StartedBy).HasMaxLength(64);
        e.HasIndex(x => x.Status);
    }
}

internal sealed class CatalogueVersionConfiguration : IEntityTypeConfiguration<CatalogueVersionRow>
{
    public void Configure(EntityTypeBuilder<CatalogueVersionRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Area).Code(6);
        e.HasIndex(x => new { x.Area, x.Version }).IsUnique();
        e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogueEntryConfiguration : IEntityTypeConfiguration<CatalogueEntryRow>
{
    public void Configure(EntityTypeBuilder<CatalogueEntryRow> e)
    {
        e.HasKey(x => new { x.VersionId, x.Code });
        e.Property(x => x.Code).Code(50);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Kind).Code(10);
        e.Property(x => x.Class).Code(1);
        e.Property(x => x.SelfpayProp).Ratio();
        e.Property(x => x.PriceCap).Price();
        e.Property(x => x.ChrgitmType).Code(2);
        e.Property(x => x.RestrictedUse).HasMaxLength(500);
    }
}

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<InstitutionRow>
{
    public void Configure(EntityTypeBuilder<InstitutionRow> e)
    {
        e.HasKey(x => x.FixmedinsCode);
        e.Property(x => x.FixmedinsCode).Code(30);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.Kind).Code(10);
        e.Property(x => x.ReliesOn).Code(30);
        e.Property(x => x.AgreementStatus).Code(12).HasDefaultValue("active");
        e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.ReliesOn).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InternetAgreementConfiguration : IEntityTypeConfiguration<InternetAgreementRow>
{
    public void Configure(EntityTypeBuilder<InternetAgreementRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.InternetHospital).Code(30);
        e.Property(x => x.Services).HasMaxLength(100);
        e.Property(x => x.Diseases).HasMaxLength(2000);
        e.HasIndex(x => x.InternetHospital);
        e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.InternetHospital).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PriceListConfiguration : IEntityTypeConfiguration<PriceListRow>
{
    public void Configure(EntityTypeBuilder<PriceListRow> e)
    {
        e.HasKey(x => x.Area);
        e.Property(x => x.Area).Code(6);
        e.HasOne<AreaRow>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferenceRevisionConfiguration : IEntityTypeConfiguration<ReferenceRevisionRow>
{
    public void Configure(EntityTypeBuilder<ReferenceRevisionRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasData(new ReferenceRevisionRow { Id = ReferenceRevisionRow.SingletonId, Revision = 1 });
    }
}
