using Microsoft.EntityFrameworkCore;
using Yibao.Application.Designation;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Domain.Institutions;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Application.Settlements.Checks;

/// <summary>An institution as designation and the arithmetic see it: its agreement, and for an internet hospital the physical institution it relies on.</summary>
public sealed record InstitutionFacts(InstitutionRow Row, AgreementStatus Status, AgreementStatus? PhysicalStatus, int? PhysicalLevel, InternetPlusAgreement? Agreement)
{
    public bool IsInternet => Row.Kind == InstitutionKind.Internet.ToName();

    /// <summary>The institution as the arithmetic sees it: an internet hospital at its physical institution's level.</summary>
    public SettlingInstitution Settling
    {
        get
        {
            var institution = Row.ToDomain();
            return new SettlingInstitution(institution.Area, institution.Level, institution.Kind, institution.Kind == InstitutionKind.Internet ? PhysicalLevel : null);
        }
    }

    public static async Task<InstitutionFacts> OfAsync(YibaoDbContext db, InstitutionRow row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(row);
        var status = Parse(row.AgreementStatus);
        if (row.Kind != InstitutionKind.Internet.ToName())
        {
            return new InstitutionFacts(row, status, null, null, null);
        }

        var physical = await db.Institutions.AsNoTracking().Where(i => i.FixmedinsCode == row.ReliesOn)
            .Select(i => new { i.AgreementStatus, i.Level }).FirstOrDefaultAsync(ct);
        return new InstitutionFacts(
            row,
            status,
            physical is null ? AgreementStatus.Ended : Parse(physical.AgreementStatus),
            physical?.Level,
            await Designations.CurrentAgreementAsync(db, row.FixmedinsCode, ct));
    }

    private static AgreementStatus Parse(string text) => Designations.TryParseStatus(text, out var status) ? status : AgreementStatus.Ended;
}
