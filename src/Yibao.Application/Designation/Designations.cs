using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Designation;

/// <summary>
/// The agency's designation of institutions: agreement status (suspend, resume, end) and the
/// internet hospitals' Internet+ supplementary agreements. Used by the admin API and the CLI alike.
/// </summary>
public sealed class Designations(YibaoDbContext db, TimeProvider clock, string actor)
{
    /// <summary>Signs an internet hospital's supplementary agreement; the current one, if any, ends.</summary>
    public async Task<Result<InternetPlusAgreement>> SignAsync(string internetHospital, DateOnly from, DateOnly? to, IReadOnlyCollection<OnlineService> services, IReadOnlyCollection<string> diseases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(diseases);
        var institution = await db.Institutions.FirstOrDefaultAsync(i => i.FixmedinsCode == internetHospital, cancellationToken);
        if (institution is null || institution.Kind != InstitutionKind.Internet.ToName())
        {
            return DesignationCatalogue.NotAnInternetHospital.With($"{internetHospital} is not a registered internet hospital; register it (relying on its physical institution) first.");
        }

        if (to < from || services.Count == 0)
        {
            return DesignationCatalogue.InvalidAgreement.With("An agreement needs at least one service and an end date not before its start.");
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
            Services = string.Join(',', services.Distinct().Select(ToName)),
            Diseases = string.Join(',', categories),
            SignedAt = now,
        });
        db.Record(now, actor, "designation.agreement", "institution", internetHospital, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}; {string.Join(',', services)}; {string.Join(',', categories)}");
        return new InternetPlusAgreement(internetHospital, from, to, services.ToHashSet(), categories.ToHashSet());
    }

    /// <summary>Suspends, resumes or ends an institution's designation; it applies at once.</summary>
    public async Task<Result<AgreementStatus>> SetStatusAsync(string fixmedinsCode, AgreementStatus status, string reason, CancellationToken cancellationToken)
    {
        var institution = await db.Institutions.FirstOrDefaultAsync(i => i.FixmedinsCode == fixmedinsCode, cancellationToken);
        if (institution is null)
        {
            return InstitutionErrors.NotFound(fixmedinsCode);
        }

        if (institution.AgreementStatus == ToName(AgreementStatus.Ended) && status != AgreementStatus.Ended)
        {
            return DesignationCatalogue.AgreementEnded.With($"The agreement of {fixmedinsCode} has ended; a new designation is a new agreement.");
        }

        institution.AgreementStatus = ToName(status);
        db.Record(clock.GetUtcNow(), actor, "designation.status", "institution", fixmedinsCode, $"{ToName(status)}: {reason}");
        return status;
    }

    /// <summary>The current supplementary agreement of an internet hospital, if any.</summary>
    public static async Task<InternetPlusAgreement?> CurrentAgreementAsync(YibaoDbContext db, string internetHospital, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.InternetAgreements.AsNoTracking()
            .Where(a => a.InternetHospital == internetHospital && a.EndedAt == null)
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : new InternetPlusAgreement(
                row.InternetHospital,
                row.From,
                row.To,
                row.Services.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => TryParseService(s, out var v) ? v : (OnlineService?)null).OfType<OnlineService>().ToHashSet(),
                row.Diseases.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
    }

    public static string ToName(AgreementStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseStatus(string? text, out AgreementStatus status) => Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status);

    public static string ToName(OnlineService service) => service switch
    {
        OnlineService.FollowUp => "followUp",
        OnlineService.PharmacyClinic => "pharmacyClinic",
        _ => "homeNursing",
    };

    public static bool TryParseService(string? text, out OnlineService service)
    {
        foreach (var candidate in Enum.GetValues<OnlineService>())
        {
            if (string.Equals(ToName(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                service = candidate;
                return true;
            }
        }

        service = default;
        return false;
    }
}

/// <summary>The refusals of designation administration.</summary>
public static class DesignationCatalogue
{
    public static readonly ErrorCode NotAnInternetHospital = new("not_an_internet_hospital", ErrorKind.Refused);
    public static readonly ErrorCode InvalidAgreement = new("invalid_agreement", ErrorKind.Refused);
    public static readonly ErrorCode AgreementEnded = new("agreement_ended", ErrorKind.Refused);
}
