using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Payments;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class PaymentOrderConfiguration : IEntityTypeConfiguration<PaymentOrderRow>
{
    public void Configure(EntityTypeBuilder<PaymentOrderRow> e)
    {
        e.HasKey(x => x.PayOrdId);
        e.Property(x => x.PayOrdId).Code(40);
        e.Property(x => x.PayToken).HasMaxLength(64);
        e.Property(x => x.MdtrtId).Code(40);
        e.Property(x => x.PsnNo).Code(30);
        e.Property(x => x.FixmedinsCode).Code(30);
        e.Property(x => x.SetlId).Code(40);
        e.Property(x => x.Status).Code(20).HasConversion(v => v.ToName(), s => PaymentOrders.ParseStatus(s));
        e.Property(x => x.MedfeeSumamt).Money();
        e.Property(x => x.FundPaySumamt).Money();
        e.Property(x => x.AcctPay).Money();
        e.Property(x => x.PsnCashPay).Money();
        e.Property(x => x.DeliveryFee).Money();
        e.Property(x => x.CashTotal).Money();
        e.Property(x => x.Provider).Code(20);
        e.Property(x => x.ProviderTradeNo).Code(64);
        e.Property(x => x.RefundNo).Code(64);
        e.Property(x => x.Note).HasMaxLength(200);
        e.HasIndex(x => new { x.Status, x.ExpiresAt });
        e.HasIndex(x => x.PsnNo);
        e.HasIndex(x => x.MdtrtId);
        e.HasOne<VisitRow>().WithMany().HasForeignKey(x => x.MdtrtId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SettlementRow>().WithMany().HasForeignKey(x => x.SetlId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.PayOrdId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentOrderEventConfiguration : IEntityTypeConfiguration<PaymentOrderEventRow>
{
    public void Configure(EntityTypeBuilder<PaymentOrderEventRow> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.PayOrdId).Code(40);
        e.Property(x => x.From).Code(20);
        e.Property(x => x.To).Code(20);
        e.Property(x => x.Actor).Code(40);
        e.Property(x => x.Detail).HasMaxLength(200);
    }
}
