using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Designation;

/// <summary>Signs an internet hospital's Internet+ supplementary agreement; its current one, if any, ends.</summary>
/// <param name="Diseases">ICD-10 codes or categories it may treat online; empty is any.</param>
/// <param name="Actor">Who signs, for the audit log (admin, cli, seed).</param>
public sealed record SignInternetAgreement(string InternetHospital, DateOnly From, DateOnly? To, IReadOnlyCollection<OnlineService> Services, IReadOnlyCollection<string> Diseases, string Actor);

public sealed class SignInternetAgreementHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<InternetPlusAgreement>> HandleAsync(SignInternetAgreement command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (internetHospital, from, to, services, diseases, actor) = command;
        var institution = await db.Institutions.FirstOrDefaultAsync(i => i.FixmedinsCode == internetHospital, cancellationToken);
        if (institution is null || institution.Kind != InstitutionKind.Internet.ToName())
        {
            return DesignationErrors.NotAnInternetHospital.With($"{internetHospital} is not a registered internet hospital; register it (relying on its physical institution) first.");
        }

        if (to < from || services.Count == 0)
        {
            return DesignationErrors.InvalidAgreement.With("An agreement needs at least one service and an end date not before its start.");
        }

        var now = clock.GetUtcNow();
        foreach (var current in await db.InternetAgreements.Where(a => a.InternetHospital == internetHospital && a.EndedAt == null).ToListAsync(cancellationToken))
        {
            current.EndedAt = now;
        }

        var categories = diseases.Select(InternetPlusAgreement.IcdCategory).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        db.InternetAgreements.Add(new InternetAgreementRow
        {
            InternetHospital = internetHospital,
            From = from,
            To = to,
            Services = string.Join(',', services.Distinct().Select(Designations.ToName)),
            Diseases = string.Join(',', categories),
            SignedAt = now,
        });
        db.Record(now, actor, "designation.agreement", "institution", internetHospital, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}; {string.Join(',', services)}; {string.Join(',', categories)}");
        return new InternetPlusAgreement(internetHospital, from, to, services.ToHashSet(), categories.ToHashSet());
    }
}
