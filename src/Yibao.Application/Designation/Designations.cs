using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Storage;

namespace Yibao.Application.Designation;

/// <summary>
/// The names of designation's codes, and the current supplementary agreement of an internet hospital,
/// for the designation use cases and the settlement checks.
/// </summary>
public static class Designations
{
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
