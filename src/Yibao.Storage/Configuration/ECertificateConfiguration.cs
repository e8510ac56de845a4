using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class EcTokenConfiguration : IEntityTypeConfiguration<EcTokenRow>
{
    public void Configure(EntityTypeBuilder<EcTokenRow> e)
    {
        e.HasKey(x => x.EcToken);
        e.Property(x => x.EcToken).HasMaxLength(64);
        e.Property(x => x.PsnNo).Code(30);
        e.Property(x => x.FixmedinsCode).Code(30);
        e.Property(x => x.BusinessType).Code(10);
        e.HasIndex(x => x.ExpiresAt);
        e.HasOne<PersonRow>().WithMany().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EcQrUseConfiguration : IEntityTypeConfiguration<EcQrUseRow>
{
    public void Configure(EntityTypeBuilder<EcQrUseRow> e)
    {
        e.HasKey(x => x.QrNonce);
        e.Property(x => x.QrNonce).HasMaxLength(40);
        e.Property(x => x.FixmedinsCode).Code(30);
    }
}
