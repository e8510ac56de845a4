using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class PrescriptionConfiguration : IEntityTypeConfiguration<PrescriptionRow>
{
    public void Configure(EntityTypeBuilder<PrescriptionRow> e)
    {
        e.HasKey(x => x.HiRxno);
        e.Property(x => x.HiRxno).HasMaxLength(30);
        e.Property(x => x.RxTraceCode).HasMaxLength(20);
        e.HasIndex(x => x.RxTraceCode).IsUnique();
        e.Property(x => x.FixmedinsCode).Code(12);
        e.Property(x => x.MdtrtId).HasMaxLength(40);
        e.Property(x => x.PsnNo).HasMaxLength(30);
        e.Property(x => x.MedType).HasMaxLength(6);
        e.Property(x => x.BizTypeCode).HasMaxLength(3);
        e.Property(x => x.RxExraAttrCode).HasMaxLength(3);
        e.Property(x => x.Status).HasMaxLength(12);
        e.Property(x => x.HeldBy).Code(12);
        e.Property(x => x.SignDigest).HasMaxLength(200);
        e.Property(x => x.SignCertSn).HasMaxLength(64);
        e.Property(x => x.RxChkStasCodg).HasMaxLength(3);
        e.Property(x => x.DelvStasCodg).HasMaxLength(3);
        e.Property(x => x.SetlId).HasMaxLength(40);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.PsnNo, x.PrscTime });
        e.HasIndex(x => new { x.FixmedinsCode, x.PrscTime });
        e.HasIndex(x => x.Status);
        e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.FixmedinsCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PersonRow>().WithMany().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PrescriptionEventConfiguration : IEntityTypeConfiguration<PrescriptionEventRow>
{
    public void Configure(EntityTypeBuilder<PrescriptionEventRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.HiRxno).HasMaxLength(30);
        e.Property(x => x.ActorKind).HasMaxLength(12);
        e.Property(x => x.Actor).HasMaxLength(64);
        e.Property(x => x.Door).HasMaxLength(12);
        e.Property(x => x.Event).HasMaxLength(12);
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.Status).HasMaxLength(12);
        e.Property(x => x.Detail).HasMaxLength(500);
        e.HasIndex(x => new { x.HiRxno, x.Id });
        e.HasIndex(x => new { x.Fraud, x.At });
    }
}

internal sealed class PrescriptionPassConfiguration : IEntityTypeConfiguration<PrescriptionPassRow>
{
    public void Configure(EntityTypeBuilder<PrescriptionPassRow> e)
    {
        e.HasKey(x => x.Pass);
        e.Property(x => x.Pass).HasMaxLength(64);
        e.Property(x => x.Kind).HasMaxLength(10);
        e.Property(x => x.PsnNo).HasMaxLength(30);
        e.Property(x => x.HiRxno).HasMaxLength(30);
        e.Property(x => x.FixmedinsCode).Code(12);
    }
}

internal sealed class DrugTraceConfiguration : IEntityTypeConfiguration<DrugTraceRow>
{
    public void Configure(EntityTypeBuilder<DrugTraceRow> e)
    {
        e.HasKey(x => x.DrugTracCodg);
        e.Property(x => x.DrugTracCodg).HasMaxLength(20);
        e.Property(x => x.HiRxno).HasMaxLength(30);
        e.Property(x => x.SetlId).HasMaxLength(40);
        e.Property(x => x.FixmedinsCode).Code(12);
        e.Property(x => x.MedListCodg).HasMaxLength(50);
        e.HasIndex(x => x.HiRxno);
    }
}
