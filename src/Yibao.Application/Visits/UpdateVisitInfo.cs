using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Settlement;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Visits;

/// <summary>Names an open visit's medical type and, when given, its diagnosis (2203).</summary>
public sealed record UpdateVisitInfo(string MdtrtId, string MedType, string? DiseCodg, VisitScope Scope = default);

public sealed class UpdateVisitInfoHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<VisitRow>> HandleAsync(UpdateVisitInfo command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await db.FindAsync(command.MdtrtId, command.Scope, track: true, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var visit = found.Value;
        var refused = VisitLifecycle.NotOpen(visit.MdtrtId, visit.Status) ?? Name(db, visit, command.MedType, command.DiseCodg, calendar);
        return refused is null ? visit : refused;
    }

    /// <summary>Names an open visit's medical type and diagnosis, staged with its audit entry; nothing when they are already so.</summary>
    internal static DomainError? Name(YibaoDbContext db, VisitRow visit, string medType, string? diseCodg, AgencyCalendar calendar)
    {
        if (!MedType.TryGetBenefitKind(medType, out _))
        {
            return SettlementErrors.UnknownMedType with { Message = $"med_type {medType} is not one of 11, 14, 21, 41." };
        }

        if (visit.MedType == medType && (diseCodg is null || diseCodg == visit.DiseaseCode))
        {
            return null;
        }

        visit.MedType = medType;
        visit.DiseaseCode = diseCodg ?? visit.DiseaseCode;
        db.Record(calendar.Clock.GetUtcNow(), visit.FixmedinsCode, "visit.info", "visit", visit.MdtrtId, $"med_type {medType}");
        return null;
    }
}
