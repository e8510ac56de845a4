using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class GatewayCredentialConfiguration : IEntityTypeConfiguration<GatewayCredentialRow>
{
    public void Configure(EntityTypeBuilder<GatewayCredentialRow> e)
    {
        e.HasKey(x => x.Paasid);
        e.Property(x => x.Paasid).HasMaxLength(40);
        e.Property(x => x.FixmedinsCode).Code(30);
        e.Property(x => x.TokenCiphertext).HasMaxLength(400);
        e.Property(x => x.TokenFingerprint).HasMaxLength(16);
        e.HasIndex(x => x.FixmedinsCode);
        e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.FixmedinsCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GatewayNonceConfiguration : IEntityTypeConfiguration<GatewayNonceRow>
{
    public void Configure(EntityTypeBuilder<GatewayNonceRow> e)
    {
        e.HasKey(x => new { x.Paasid, x.Nonce });
        e.Property(x => x.Paasid).HasMaxLength(40);
        e.Property(x => x.Nonce).HasMaxLength(64);
        e.HasIndex(x => x.ExpiresAt);
    }
}

internal sealed class GatewaySignInConfiguration : IEntityTypeConfiguration<GatewaySignInRow>
{
    public void Configure(EntityTypeBuilder<GatewaySignInRow> e)
    {
        e.HasKey(x => x.SignNo);
        e.Property(x => x.SignNo).HasMaxLength(30);
        e.Property(x => x.FixmedinsCode).Code(30);
        e.Property(x => x.Opter).HasMaxLength(30);
        e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.FixmedinsCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKeyRow>
{
    public void Configure(EntityTypeBuilder<SigningKeyRow> e)
    {
        e.HasKey(x => x.Owner);
        e.Property(x => x.Owner).HasMaxLength(20);
    }
}

internal sealed class EpcAppConfiguration : IEntityTypeConfiguration<EpcAppRow>
{
    public void Configure(EntityTypeBuilder<EpcAppRow> e)
    {
        e.HasKey(x => x.AppId);
        e.Property(x => x.AppId).HasMaxLength(32);
        e.Property(x => x.FixmedinsCode).Code(12);
        e.Property(x => x.PublicKey).HasMaxLength(130);
        e.HasIndex(x => x.FixmedinsCode);
        e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.FixmedinsCode).OnDelete(DeleteBehavior.Cascade);
    }
}
