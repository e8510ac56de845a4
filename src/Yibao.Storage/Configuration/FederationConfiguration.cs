using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Configuration;

internal sealed class FederationKeyConfiguration : IEntityTypeConfiguration<FederationKeyRow>
{
    public void Configure(EntityTypeBuilder<FederationKeyRow> e)
    {
        e.HasKey(x => x.KeyId);
        e.Property(x => x.KeyId).HasMaxLength(40);
        e.Property(x => x.PrivateKey).HasMaxLength(200);
        e.Property(x => x.PublicKey).HasMaxLength(140);
    }
}

internal sealed class FederationPeerConfiguration : IEntityTypeConfiguration<FederationPeerRow>
{
    public void Configure(EntityTypeBuilder<FederationPeerRow> e)
    {
        e.HasKey(x => x.PeerId);
        e.Property(x => x.PeerId).HasMaxLength(40);
        e.Property(x => x.BaseUrl).HasMaxLength(200);
        e.Property(x => x.Areas).HasMaxLength(400);
        e.Property(x => x.PublicKey).HasMaxLength(140);
        e.Property(x => x.PreviousPublicKey).HasMaxLength(140);
    }
}

internal sealed class FederationDecisionConfiguration : IEntityTypeConfiguration<FederationDecisionRow>
{
    public void Configure(EntityTypeBuilder<FederationDecisionRow> e)
    {
        e.HasKey(x => x.MsgId);
        e.Property(x => x.MsgId).HasMaxLength(40);
        e.Property(x => x.Kind).HasMaxLength(8);
        e.Property(x => x.SetlId).HasMaxLength(40);
        e.Property(x => x.InsuredArea).Code(6);
        e.Property(x => x.Status).HasMaxLength(10);
    }
}

internal sealed class FederationEntryConfiguration : IEntityTypeConfiguration<FederationEntryRow>
{
    public void Configure(EntityTypeBuilder<FederationEntryRow> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.MsgId).IsUnique();
        e.Property(x => x.MsgId).HasMaxLength(40);
        e.Property(x => x.Kind).HasMaxLength(8);
        e.Property(x => x.SetlId).HasMaxLength(40);
        e.Property(x => x.TreatmentNode).HasMaxLength(40);
        e.Property(x => x.PsnNo).HasMaxLength(30);
        e.Property(x => x.InsuredArea).Code(6);
        e.Property(x => x.TreatmentArea).Code(6);
        e.Property(x => x.FixmedinsCode).HasMaxLength(30);
        e.Property(x => x.BenefitKind).HasMaxLength(20);
        e.Property(x => x.MedfeeSumamt).Money();
        e.Property(x => x.FundPaySumamt).Money();
        e.Property(x => x.AcctPay).Money();
        e.Property(x => x.DeductibleDelta).Money();
        e.Property(x => x.FundDelta).Money();
        e.Property(x => x.Status).HasMaxLength(10);
        e.HasIndex(x => x.Status);
        e.HasIndex(x => x.SetlId);
    }
}

internal sealed class HubJournalConfiguration : IEntityTypeConfiguration<HubJournalRow>
{
    public void Configure(EntityTypeBuilder<HubJournalRow> e)
    {
        e.ToTable("hub_journal");
        e.HasKey(x => x.MsgId);
        e.Property(x => x.MsgId).HasMaxLength(40);
        e.Property(x => x.Kind).HasMaxLength(8);
        e.Property(x => x.SetlId).HasMaxLength(40);
        e.Property(x => x.TreatmentNode).HasMaxLength(40);
        e.Property(x => x.InsuredArea).Code(6);
        e.Property(x => x.TreatmentArea).Code(6);
        e.Property(x => x.FixmedinsCode).HasMaxLength(30);
        e.Property(x => x.MedfeeSumamt).Money();
        e.Property(x => x.FundPaySumamt).Money();
        e.Property(x => x.AcctPay).Money();
        e.Property(x => x.PsnCashPay).Money();
        e.Property(x => x.Status).HasMaxLength(10);
        e.HasIndex(x => new { x.RoutedDate, x.Status });
        e.HasIndex(x => x.SetlId);
    }
}
