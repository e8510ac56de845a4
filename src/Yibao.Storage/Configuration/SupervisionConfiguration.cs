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
        e.HasIndex(x => new { x.Period, x.Stage });
        e.Property(x => x.DspoWay).HasMaxLength(3);
        e.Property(x => x.DspoWayRea).HasMaxLength(500);
        e.HasIndex(x => x.SetlId);
        e.HasIndex(x => new { x.RuleId, x.FixmedinsCode });
        e.Property(x => x.ReviewStep).HasMaxLength(16);
        e.HasIndex(x => new { x.ReviewStep, x.ReviewDue });
        e.Property(x => x.FirstReviewer).HasMaxLength(64);
        e.Property(x => x.Outcome).HasMaxLength(16);
        e.Property(x => x.Deducted).Money();
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class SupervisionReviewConfiguration : IEntityTypeConfiguration<SupervisionReviewRow>
{
    public void Configure(EntityTypeBuilder<SupervisionReviewRow> e)
    {
        e.HasKey(x => x.Id);
        e.HasOne<SupervisionFindingRow>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.FindingId);
        e.Property(x => x.JrId).HasMaxLength(40);
        e.Property(x => x.Step).HasMaxLength(16);
        e.Property(x => x.Action).HasMaxLength(16);
        e.Property(x => x.Actor).HasMaxLength(64);
        e.Property(x => x.Opinion).HasMaxLength(2000);
        e.Property(x => x.Decision).HasMaxLength(16);
        e.Property(x => x.Amount).Money();
    }
}

internal sealed class DeductionConfiguration : IEntityTypeConfiguration<DeductionRow>
{
    public void Configure(EntityTypeBuilder<DeductionRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.FixmedinsCode).Code(12);
        e.Property(x => x.JrId).HasMaxLength(40);
        e.HasIndex(x => x.JrId).IsUnique();
        e.Property(x => x.Amount).Money();
        e.Property(x => x.DecidedBy).HasMaxLength(64);
        e.Property(x => x.ClearedIn).HasMaxLength(7);
        e.HasIndex(x => new { x.FixmedinsCode, x.ClearedIn });
    }
}

internal sealed class SupervisionRunConfiguration : IEntityTypeConfiguration<SupervisionRunRow>
{
    public void Configure(EntityTypeBuilder<SupervisionRunRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Period).HasMaxLength(7);
        e.Property(x => x.Rules).HasMaxLength(400);
        e.Property(x => x.Actor).HasMaxLength(64);
        e.HasIndex(x => x.Period);
    }
}
