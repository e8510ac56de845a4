using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class ClearingMonthConfiguration : IEntityTypeConfiguration<ClearingMonthRow>
{
    public void Configure(EntityTypeBuilder<ClearingMonthRow> e)
    {
        e.HasKey(x => x.Month);
        e.Property(x => x.Month).HasMaxLength(7);
        e.Property(x => x.Status).HasMaxLength(12);
        e.Property(x => x.RunBy).HasMaxLength(64);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class ClearingPairConfiguration : IEntityTypeConfiguration<ClearingPairRow>
{
    public void Configure(EntityTypeBuilder<ClearingPairRow> e)
    {
        e.HasKey(x => new { x.Month, x.InsuredArea, x.TreatmentArea });
        e.Property(x => x.Month).HasMaxLength(7);
        e.Property(x => x.InsuredArea).Code(6);
        e.Property(x => x.TreatmentArea).Code(6);
        e.Property(x => x.MedfeeSumamt).Money();
        e.Property(x => x.FundPaySumamt).Money();
        e.Property(x => x.AcctPay).Money();
        e.Property(x => x.PsnCashPay).Money();
        e.HasOne<ClearingMonthRow>().WithMany().HasForeignKey(x => x.Month).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClearingPositionConfiguration : IEntityTypeConfiguration<ClearingPositionRow>
{
    public void Configure(EntityTypeBuilder<ClearingPositionRow> e)
    {
        e.HasKey(x => new { x.Month, x.Area });
        e.Property(x => x.Month).HasMaxLength(7);
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.Owes).Money();
        e.Property(x => x.Owed).Money();
        e.Property(x => x.Advance).Money();
        e.Property(x => x.AdvanceUsage).HasPrecision(12, 4);
        e.Property(x => x.AdvanceRequired).Money();
        e.Property(x => x.AdvanceStatus).HasMaxLength(8);
        e.Property(x => x.TopUp).Money();
        e.Property(x => x.Deductions).Money();
        e.Property(x => x.ConfirmedBy).HasMaxLength(64);
        e.HasOne<ClearingMonthRow>().WithMany().HasForeignKey(x => x.Month).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AdvanceFundConfiguration : IEntityTypeConfiguration<AdvanceFundRow>
{
    public void Configure(EntityTypeBuilder<AdvanceFundRow> e)
    {
        e.HasKey(x => x.Area);
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.Amount).Money();
        e.Property(x => x.UpdatedBy).HasMaxLength(64);
    }
}

internal sealed class AdvanceFundMovementConfiguration : IEntityTypeConfiguration<AdvanceFundMovementRow>
{
    public void Configure(EntityTypeBuilder<AdvanceFundMovementRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.Change).Money();
        e.Property(x => x.Balance).Money();
        e.Property(x => x.Reason).HasMaxLength(200);
        e.Property(x => x.By).HasMaxLength(64);
        e.HasIndex(x => x.Area);
    }
}

internal sealed class SplitConfirmationConfiguration : IEntityTypeConfiguration<SplitConfirmationRow>
{
    public void Configure(EntityTypeBuilder<SplitConfirmationRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.MsgId).HasMaxLength(40);
        e.HasIndex(x => new { x.FixmedinsCode, x.MsgId }).IsUnique();
        e.Property(x => x.FixmedinsCode).Code(12);
        e.Property(x => x.Month).HasMaxLength(7);
        e.HasIndex(x => new { x.FixmedinsCode, x.Month });
        e.Property(x => x.MedfeeSumamt).Money();
        e.Property(x => x.FundPaySumamt).Money();
        e.Property(x => x.AcctPay).Money();
    }
}
