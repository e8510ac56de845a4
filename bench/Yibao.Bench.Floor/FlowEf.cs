using Microsoft.EntityFrameworkCore;

namespace Yibao.Bench.Floor;

/// <summary>
/// <see cref="FlowSql"/>'s flow through EF Core as Yibao uses it (pooled contexts, tracked writes
/// saved in one batch, a raw SQL lock-and-read): what EF Core costs on the same statements.
/// </summary>
internal sealed class FlowEf(IDbContextFactory<FloorDb> contexts) : IFlow
{
    private const string Fixmedins = "H33010000001";

    public async Task<long> RegisterAsync(long psnNo, string msgId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var visit = new VisitRow { PsnNo = psnNo, Fixmedins = Fixmedins, MedType = "11", Channel = "offline", Status = "registered", Msgid = msgId };
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        db.Add(new AuditRow { Actor = Fixmedins, Action = "register", Ref = visit.MdtrtId });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return visit.MdtrtId;
    }

    public async Task UploadAsync(long mdtrtId, IReadOnlyList<FeeLine> lines, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AddRange(lines.Select(l => new FeeLineRow { MdtrtId = mdtrtId, Sn = l.Sn, Code = l.Code, Price = l.Price, Qty = l.Qty, Amount = l.Amount, Inscp = l.Amount }));
        await db.SaveChangesAsync(ct);
    }

    public async Task<Settled?> SettleAsync(long mdtrtId, string msgId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = (await db.Database.SqlQuery<LockedRow>($"""
            SELECT v.psn_no, a.balance, c.deductible_paid, c.fund_paid FROM visit v JOIN account a ON a.psn_no = v.psn_no
            JOIN accumulator c ON c.psn_no = v.psn_no AND c.year = 2026 AND c.kind = 'outpatient' WHERE v.mdtrt_id = {mdtrtId} FOR UPDATE OF a, c
            """).ToListAsync(ct)).FirstOrDefault();
        if (locked is null)
        {
            return null;
        }

        var sums = await db.FeeLines.Where(f => f.MdtrtId == mdtrtId).GroupBy(f => 1)
            .Select(g => new { Medfee = g.Sum(f => f.Amount), Inscp = g.Sum(f => f.Inscp) }).FirstAsync(ct);
        var hifp = Math.Round(sums.Inscp * 0.7m, 2, MidpointRounding.AwayFromZero);
        var acct = Math.Min(locked.Balance, sums.Medfee - hifp);
        var settled = new Settled(mdtrtId, locked.PsnNo, sums.Medfee, sums.Inscp, hifp, acct, sums.Medfee - hifp - acct);

        var account = new AccountRow { PsnNo = locked.PsnNo, Balance = locked.Balance };
        var accumulator = new AccumulatorRow { PsnNo = locked.PsnNo, Year = 2026, Kind = "outpatient", DeductiblePaid = locked.DeductiblePaid, FundPaid = locked.FundPaid };
        var visit = new VisitRow { MdtrtId = mdtrtId, PsnNo = locked.PsnNo, Fixmedins = Fixmedins, MedType = "11", Channel = "offline", Status = "registered", Msgid = "" };
        db.AttachRange(account, accumulator, visit);
        account.Balance -= acct;
        accumulator.FundPaid += hifp;
        visit.Status = "settled";
        db.Add(new SettlementRow { MdtrtId = mdtrtId, PsnNo = locked.PsnNo, Msgid = msgId, Medfee = settled.Medfee, Inscp = settled.Inscp, Hifp = hifp, Acct = acct, Cash = settled.Cash, Response = settled.ToJson() });
        db.Add(new AuditRow { Actor = Fixmedins, Action = "settle", Ref = mdtrtId });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return settled;
    }

    private sealed record LockedRow(long PsnNo, decimal Balance, decimal DeductiblePaid, decimal FundPaid);
}

/// <summary>pgbench's tables (<c>shared/bench/pgbench/schema.sql</c>) as an EF Core model.</summary>
internal sealed class FloorDb(DbContextOptions<FloorDb> options) : DbContext(options)
{
    public DbSet<FeeLineRow> FeeLines => Set<FeeLineRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<VisitRow>().ToTable("visit").HasKey(v => v.MdtrtId);
        modelBuilder.Entity<VisitRow>().Property(v => v.Created).ValueGeneratedOnAdd();
        modelBuilder.Entity<FeeLineRow>().ToTable("fee_line").HasKey(f => new { f.MdtrtId, f.Sn });
        modelBuilder.Entity<SettlementRow>().ToTable("settlement").HasKey(s => s.SetlId);
        modelBuilder.Entity<SettlementRow>().Property(s => s.Response).HasColumnType("jsonb");
        modelBuilder.Entity<SettlementRow>().Property(s => s.Created).ValueGeneratedOnAdd();
        modelBuilder.Entity<AuditRow>().ToTable("audit").HasKey(a => a.Id);
        modelBuilder.Entity<AuditRow>().Property(a => a.At).ValueGeneratedOnAdd();
        modelBuilder.Entity<AccountRow>().ToTable("account").HasKey(a => a.PsnNo);
        modelBuilder.Entity<AccountRow>().Property(a => a.PsnNo).ValueGeneratedNever();
        modelBuilder.Entity<AccumulatorRow>().ToTable("accumulator").HasKey(a => new { a.PsnNo, a.Year, a.Kind });
    }
}

internal sealed class VisitRow
{
    public long MdtrtId { get; set; }
    public long PsnNo { get; set; }
    public required string Fixmedins { get; set; }
    public required string MedType { get; set; }
    public required string Channel { get; set; }
    public required string Status { get; set; }
    public required string Msgid { get; set; }
    public DateTimeOffset? Created { get; set; }
}

internal sealed class FeeLineRow
{
    public long MdtrtId { get; set; }
    public int Sn { get; set; }
    public required string Code { get; set; }
    public decimal Price { get; set; }
    public decimal Qty { get; set; }
    public decimal Amount { get; set; }
    public decimal Fulamt { get; set; }
    public decimal Over { get; set; }
    public decimal Pre { get; set; }
    public decimal Inscp { get; set; }
}

internal sealed class SettlementRow
{
    public long SetlId { get; set; }
    public long MdtrtId { get; set; }
    public long PsnNo { get; set; }
    public required string Msgid { get; set; }
    public decimal Medfee { get; set; }
    public decimal Inscp { get; set; }
    public decimal Dedc { get; set; }
    public decimal Hifp { get; set; }
    public decimal Acct { get; set; }
    public decimal Cash { get; set; }
    public required string Response { get; set; }
    public DateTimeOffset? Created { get; set; }
}

internal sealed class AuditRow
{
    public long Id { get; set; }
    public DateTimeOffset? At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public long Ref { get; set; }
}

internal sealed class AccountRow
{
    public long PsnNo { get; set; }
    public decimal Balance { get; set; }
}

internal sealed class AccumulatorRow
{
    public long PsnNo { get; set; }
    public int Year { get; set; }
    public required string Kind { get; set; }
    public decimal DeductiblePaid { get; set; }
    public decimal FundPaid { get; set; }
}
