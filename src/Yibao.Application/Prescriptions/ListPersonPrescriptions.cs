using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>The patient's own prescriptions, newest first (the phone page).</summary>
public sealed record ListPersonPrescriptions(string PsnNo, int Limit = 50);

/// <summary>A prescription in a list: its row, its state as shown, its drugs and its prescriber's name.</summary>
public sealed record PrescriptionSummary(PrescriptionRow Prescription, RxStatus Shown, IReadOnlyList<PrescribedDrug> Drugs, string InstitutionName);

public sealed class ListPersonPrescriptionsHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<PrescriptionSummary>>> HandleAsync(ListPersonPrescriptions command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var signed = new[] { RxStatus.Prechecked.ToName(), RxStatus.Signed.ToName() };
        var rows = await db.Prescriptions.AsNoTracking()
            .Where(p => p.PsnNo == command.PsnNo && !signed.Contains(p.Status))
            .OrderByDescending(p => p.HiRxno) // hi_rxno begins with its pre-check time, to the second
            .Take(Math.Clamp(command.Limit, 1, 200))
            .Join(db.Institutions, p => p.FixmedinsCode, i => i.FixmedinsCode, (p, i) => new { Rx = p, i.Name })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();

        // Instants are ordered here, not in SQL (SQLite cannot): newest prescription first.
        return rows.OrderByDescending(r => r.Rx.PrscTime).ThenByDescending(r => r.Rx.PrecheckedAt).Select(r => PrescriptionContent.Summary(r.Rx, r.Name, now)).ToList();
    }
}
