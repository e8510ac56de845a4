using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;

namespace Yibao.Application.Prescriptions;

/// <summary>The console's search: by patient (<c>psn_no</c>), prescribing or dispensing institution, and state; newest first.</summary>
public sealed record SearchPrescriptions(string? PsnNo, string? FixmedinsCode, string? Status, int Page = 1, int PageSize = 50);

/// <summary>A page of the search, with the whole search's count by state and the platform's fraud and tamper refusals by code (the console's charts).</summary>
public sealed record PrescriptionPage(int Total, IReadOnlyList<PrescriptionSummary> Items, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> FraudByCode);

public sealed class SearchPrescriptionsHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<PrescriptionPage>> HandleAsync(SearchPrescriptions command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var query = db.Prescriptions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(command.PsnNo))
        {
            query = query.Where(p => p.PsnNo == command.PsnNo.Trim());
        }

        if (!string.IsNullOrWhiteSpace(command.FixmedinsCode))
        {
            var code = command.FixmedinsCode.Trim();
            query = query.Where(p => p.FixmedinsCode == code || p.HeldBy == code);
        }

        if (!string.IsNullOrWhiteSpace(command.Status))
        {
            query = query.Where(p => p.Status == command.Status);
        }

        var size = Math.Clamp(command.PageSize, 1, 200);
        var byStatus = await query.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var total = byStatus.Values.Sum();
        var rows = await query.OrderByDescending(p => p.HiRxno)
            .Skip((Math.Max(1, command.Page) - 1) * size).Take(size)
            .Join(db.Institutions, p => p.FixmedinsCode, i => i.FixmedinsCode, (p, i) => new { Rx = p, i.Name })
            .ToListAsync(ct);
        var fraud = await db.PrescriptionEvents.Where(e => e.Fraud).GroupBy(e => e.Code ?? "").Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = clock.GetUtcNow();
        return new PrescriptionPage(total, [.. rows.Select(r => PrescriptionContent.Summary(r.Rx, r.Name, now))], byStatus, fraud);
    }
}
