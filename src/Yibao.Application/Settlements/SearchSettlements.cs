using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Privacy;
using Yibao.Domain.Settlement;
using Yibao.Storage;

namespace Yibao.Application.Settlements;

/// <summary>
/// The agency's search over settlements (the console's explorer and its CSV export): a period of
/// settlement dates, and optionally an institution, a person (by <c>psn_no</c>, or by ID number),
/// a channel, a benefit kind, a status and cross-region or not. Newest first, by <c>setl_id</c>;
/// a page continues below the last <c>setl_id</c> of the previous one (keyset, not offsets).
/// The person's name and ID number come masked: a list is not the place to read them.
/// </summary>
public sealed record SearchSettlements(
    DateOnly From,
    DateOnly To,
    string? FixmedinsCode = null,
    string? PsnNo = null,
    string? Certno = null,
    string? Channel = null,
    string? BenefitKind = null,
    string? Status = null,
    bool? CrossRegion = null,
    string? Before = null,
    int Limit = 50);

public sealed record SettlementListItem(
    string SetlId,
    DateTimeOffset SettledAt,
    string FixmedinsCode,
    string PsnNo,
    string PsnNameMasked,
    string CertnoMasked,
    string Channel,
    string BenefitKind,
    string InsuredArea,
    string TreatmentArea,
    string Status,
    decimal MedfeeSumamt,
    decimal FundPaySumamt,
    decimal AcctPay,
    decimal PsnCashPay);

public sealed class SearchSettlementsHandler(YibaoDbContext db)
{
    public const int MaxLimit = 500;
    public const int MaxDays = 366;

    /// <summary>One page.</summary>
    public async Task<Result<IReadOnlyList<SettlementListItem>>> HandleAsync(SearchSettlements command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Invalid(command) is { } invalid)
        {
            return invalid;
        }

        if (command.Limit is < 1 or > MaxLimit)
        {
            return SettlementErrors.InvalidSearch.With($"limit is 1..{MaxLimit}.");
        }

        var items = new List<SettlementListItem>();
        await foreach (var item in Query(command).Take(command.Limit).AsAsyncEnumerable().WithCancellation(ct))
        {
            items.Add(Masked(item));
        }

        return items;
    }

    /// <summary>Every settlement the search finds, read as a stream (for an export of any size), or the refusal first.</summary>
    public Result<IAsyncEnumerable<SettlementListItem>> Stream(SearchSettlements command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Invalid(command) is { } invalid
            ? Result<IAsyncEnumerable<SettlementListItem>>.Failure(invalid)
            : Result<IAsyncEnumerable<SettlementListItem>>.Success(StreamAsync(command, default));
    }

    private async IAsyncEnumerable<SettlementListItem> StreamAsync(SearchSettlements command, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in Query(command).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return Masked(item);
        }
    }

    private static DomainError? Invalid(SearchSettlements command) =>
        command.To < command.From || command.To.DayNumber - command.From.DayNumber >= MaxDays
            ? Reconciliation.ReconciliationErrors.InvalidPeriod.With($"The period runs from its first day to its last, {MaxDays} days at the most.")
            : command.Status is { } status && status is not ("settled" or "cancelled" or "pending" or "released") ? SettlementErrors.InvalidSearch.With("status is settled, cancelled, pending or released.")
            : null;

    private IQueryable<Row> Query(SearchSettlements c)
    {
        var settlements = db.Settlements.AsNoTracking().Where(s => s.SettlementDate >= c.From && s.SettlementDate <= c.To);
        if (!string.IsNullOrWhiteSpace(c.FixmedinsCode))
        {
            settlements = settlements.Where(s => s.FixmedinsCode == c.FixmedinsCode);
        }

        if (!string.IsNullOrWhiteSpace(c.PsnNo))
        {
            settlements = settlements.Where(s => s.PsnNo == c.PsnNo);
        }

        if (!string.IsNullOrWhiteSpace(c.Certno))
        {
            settlements = settlements.Where(s => db.Persons.Any(p => p.PsnNo == s.PsnNo && p.Certno == c.Certno));
        }

        if (!string.IsNullOrWhiteSpace(c.Channel))
        {
            settlements = settlements.Where(s => s.Channel == c.Channel);
        }

        if (!string.IsNullOrWhiteSpace(c.BenefitKind))
        {
            settlements = settlements.Where(s => s.BenefitKind == c.BenefitKind);
        }

        if (c.Status is { } status)
        {
            var wanted = SettlementLifecycle.ParseSettlementStatus(status);
            settlements = settlements.Where(s => s.Status == wanted);
        }

        if (c.CrossRegion is { } crossRegion)
        {
            settlements = crossRegion ? settlements.Where(s => s.InsuredArea != s.TreatmentArea) : settlements.Where(s => s.InsuredArea == s.TreatmentArea);
        }

        if (!string.IsNullOrWhiteSpace(c.Before))
        {
            settlements = settlements.Where(s => string.Compare(s.SetlId, c.Before) < 0);
        }

        return from s in settlements
               join p in db.Persons on s.PsnNo equals p.PsnNo
               orderby s.SetlId descending
               select new Row(s.SetlId, s.SettledAt, s.FixmedinsCode, s.PsnNo, p.Name, p.Certno, s.Channel, s.BenefitKind, s.InsuredArea, s.TreatmentArea, s.Status, s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.PsnCashPay);
    }

    private static SettlementListItem Masked(Row r) => new(
        r.SetlId, r.SettledAt, r.FixmedinsCode, r.PsnNo, Masking.Name(r.Name), Masking.IdNumber(r.Certno), r.Channel, r.BenefitKind,
        r.InsuredArea, r.TreatmentArea, r.Status.ToName(), r.MedfeeSumamt, r.FundPaySumamt, r.AcctPay, r.PsnCashPay);

    private sealed record Row(
        string SetlId, DateTimeOffset SettledAt, string FixmedinsCode, string PsnNo, string Name, string Certno, string Channel, string BenefitKind,
        string InsuredArea, string TreatmentArea, SettlementStatus Status, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay);
}
