using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class SupervisionKnowledgeConfiguration : IEntityTypeConfiguration<SupervisionKnowledgeRow>
{
    public void Configure(EntityTypeBuilder<SupervisionKnowledgeRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Area).HasMaxLength(6);
        e.Property(x => x.LoadedBy).HasMaxLength(64);
        e.HasIndex(x => new { x.Area, x.Version }).IsUnique();
    }
}

internal sealed class SupervisionFindingConfiguration : IEntityTypeConfiguration<SupervisionFindingRow>
{
    public void Configure(EntityTypeBuilder<SupervisionFindingRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.JrId).HasMaxLength(40);
        e.HasIndex(x => x.JrId).IsUnique();
        e.Property(x => x.Stage).HasMaxLength(8);
        e.Property(x => x.RuleId).HasMaxLength(16);
        e.Property(x => x.RuleName).HasMaxLength(100);
        e.Property(x => x.MdtrtId).HasMaxLength(40);
        e.Property(x => x.SetlId).HasMaxLength(40);
        e.Property(x => x.PsnNo).HasMaxLength(30);
        e.Property(x => x.FixmedinsCode).Code(12);
        e.Property(x => x.Subject).HasMaxLength(64);
        e.Property(x => x.Content).HasMaxLength(1000);
        e.Property(x => x.Amount).Money();
        e.Property(x => x.TaskId).HasMaxLength(40);
        e.Property(x => x.Period).HasMaxLength(7);
        e.Property(x => x.FindingKey).HasMaxLength(64);
        e.HasIndex(x => x.FindingKey).IsUnique();
        e.HasIndex(x => new { x.Period, x.Stage });
        e.Property(x => x.DspoWay).HasMaxLength(3);
        e.Property(x => x.DspoWayRea).HasMaxLength(500);
        e.HasIndex(x => x.SetlId);
        e.HasIndex(x => new { x.RuleId, x.FixmedinsCode });
    }
}
