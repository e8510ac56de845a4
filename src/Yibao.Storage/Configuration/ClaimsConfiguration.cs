using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Lifecycles;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class VisitConfiguration : IEntityTypeConfiguration<VisitRow>
{
    public void Configure(EntityTypeBuilder<VisitRow> e)
    {
        e.HasKey(x => x.MdtrtId);
        e.Property(x => x.MdtrtId).Code(40);
        e.Property(x => x.PsnNo).Code(30);
        e.Property(x => x.FixmedinsCode).Code(30);
        e.Property(x => x.MedType).Code(6);
        e.Property(x => x.Channel).Code(10);
        e.Property(x => x.VisitKind).Code(10);
        e.Property(x => x.OnlineService).Code(20);
        e.Property(x => x.Filing).Code(20);
        e.Property(x => x.InsuredArea).Code(6);
        e.Property(x => x.TreatmentArea).Code(6);
        e.Property(x => x.DiseaseCode).Code(20);
        e.Property(x => x.Status).Code(12).HasConversion(v => v.ToName(), s => VisitLifecycle.ParseVisitStatus(s));
        e.HasIndex(x => new { x.PsnNo, x.VisitDate, x.MdtrtId });
        e.HasIndex(x => new { x.FixmedinsCode, x.VisitDate });
        e.HasOne<PersonRow>().WithMany().HasForeignKey(x => x.PsnNo).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<InstitutionRow>().WithMany().HasForeignKey(x => x.FixmedinsCode).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.FeeLines).WithOne().HasForeignKey(x => x.MdtrtId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FeeLineConfiguration : IEntityTypeConfiguration<FeeLineRow>
{
    public void Configure(EntityTypeBuilder<FeeLineRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.MdtrtId).Code(40);
        e.Property(x => x.FeedetlSn).Code(40);
        e.HasIndex(x => new { x.MdtrtId, x.FeedetlSn }).IsUnique();
        e.Property(x => x.Code).Code(50);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Rxno).Code(30);
        e.Property(x => x.Price).Price();
        e.Property(x => x.Qty).Price();
        e.Property(x => x.Amount).Money();
        e.Property(x => x.Fulamt).Money();
        e.Property(x => x.Over).Money();
        e.Property(x => x.Pre).Money();
        e.Property(x => x.Inscp).Money();
        e.Property(x => x.ChrgitmLv).Code(2);
        e.Property(x => x.SelfpayProp).Ratio();
        e.Property(x => x.PriceCap).Price();
    }
}

internal sealed class SettlementConfiguration : IEntityTypeConfiguration<SettlementRow>
{
    public void Configure(EntityTypeBuilder<SettlementRow> e)
    {
        e.HasKey(x => x.SetlId);
        e.Property(x => x.SetlId).Code(40);
        e.Property(x => x.MdtrtId).Code(40);
        e.Property(x => x.PsnNo).Code(30);
        e.Property(x => x.FixmedinsCode).Code(30);
        e.Property(x => x.Insutype).Code(3);
        e.Property(x => x.InsuredArea).Code(6);
        e.Property(x => x.TreatmentArea).Code(6);
        e.Property(x => x.MedType).Code(6);
        e.Property(x => x.BenefitKind).Code(12);
        e.Property(x => x.Channel).Code(10);
        e.Property(x => x.Filing).Code(20);
        e.Property(x => x.Status).Code(12).HasConversion(v => v.ToName(), s => SettlementLifecycle.ParseSettlementStatus(s));
        e.Property(x => x.Ratio).Ratio();
        e.Property(x => x.MedfeeSumamt).Money();
        e.Property(x => x.FulamtOwnpayAmt).Money();
        e.Property(x => x.OverlmtSelfpay).Money();
        e.Property(x => x.PreselfpayAmt).Money();
        e.Property(x => x.InscpScpAmt).Money();
        e.Property(x => x.ActPayDedc).Money();
        e.Property(x => x.HifpPay).Money();
        e.Property(x => x.PoolPropSelfpay).Money();
        e.Property(x => x.FundPaySumamt).Money();
        e.Property(x => x.PsnPartAmt).Money();
        e.Property(x => x.AcctPay).Money();
        e.Property(x => x.PsnCashPay).Money();
        e.Property(x => x.Balc).Money();
        e.Property(x => x.DeductibleDelta).Money();
        e.Property(x => x.FundDelta).Money();
        e.HasIndex(x => x.MdtrtId);
        e.HasIndex(x => new { x.FixmedinsCode, x.SettlementDate });
        e.HasIndex(x => new { x.PsnNo, x.Year });

        // The agency's views of a period (the console's dashboard and explorer) select by date alone.
        e.HasIndex(x => x.SettlementDate);
        e.HasIndex(x => x.CancellationDate);
        e.HasOne<VisitRow>().WithMany().HasForeignKey(x => x.MdtrtId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.SetlId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SettlementLineConfiguration : IEntityTypeConfiguration<SettlementLineRow>
{
    public void Configure(EntityTypeBuilder<SettlementLineRow> e)
    {
        e.HasKey(x => new { x.SetlId, x.LineNo });
        e.Property(x => x.SetlId).Code(40);
        e.Property(x => x.FeedetlSn).Code(40);
        e.Property(x => x.Code).Code(50);
        e.Property(x => x.Amount).Money();
        e.Property(x => x.Fulamt).Money();
        e.Property(x => x.Over).Money();
        e.Property(x => x.Pre).Money();
        e.Property(x => x.Inscp).Money();
    }
}

internal sealed class SettlementDayTotalConfiguration : IEntityTypeConfiguration<SettlementDayTotalRow>
{
    public void Configure(EntityTypeBuilder<SettlementDayTotalRow> e)
    {
        e.HasKey(x => new { x.Day, x.Area, x.Dimension, x.Key });
        e.Property(x => x.Area).Code(6);
        e.Property(x => x.Dimension).Code(12);
        e.Property(x => x.Key).Code(20);
        e.Property(x => x.FundPaid).Money();
        e.Property(x => x.MedfeeSumamt).Money();
    }
}

internal sealed class SettlementDayVersionConfiguration : IEntityTypeConfiguration<SettlementDayVersionRow>
{
    public void Configure(EntityTypeBuilder<SettlementDayVersionRow> e) => e.HasKey(x => x.Day);
}
