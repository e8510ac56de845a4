using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRow>
{
    public void Configure(EntityTypeBuilder<AuditEntryRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.Property(x => x.Action).HasMaxLength(60);
        e.Property(x => x.EntityType).HasMaxLength(60);
        e.Property(x => x.EntityId).HasMaxLength(100);
        e.HasIndex(x => new { x.EntityType, x.EntityId });
    }
}

internal sealed class ProcessedMessageConfiguration : IEntityTypeConfiguration<ProcessedMessageRow>
{
    public void Configure(EntityTypeBuilder<ProcessedMessageRow> e)
    {
        e.HasKey(x => x.MsgId);
        e.Property(x => x.MsgId).HasMaxLength(200); // an institution's key: "api:" + its code + ":" + its message id of up to 100
        e.Property(x => x.Fingerprint).HasMaxLength(64);
    }
}

internal sealed class PersonAccessConfiguration : IEntityTypeConfiguration<PersonAccessRow>
{
    public void Configure(EntityTypeBuilder<PersonAccessRow> e)
    {
        e.ToTable("person_access_records");
        e.HasKey(x => x.Id);
        e.Property(x => x.ActorKind).HasMaxLength(20);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.Property(x => x.PsnNo).HasMaxLength(30);
        e.Property(x => x.Door).HasMaxLength(20);
        e.Property(x => x.Purpose).HasMaxLength(40);
        e.HasIndex(x => new { x.PsnNo, x.At });
        e.HasIndex(x => new { x.Actor, x.At });
    }
}
