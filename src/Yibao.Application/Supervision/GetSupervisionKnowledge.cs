using Microsoft.EntityFrameworkCore;
using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Domain.Supervision;
using Yibao.Storage;

namespace Yibao.Application.Supervision;

/// <summary>An area's supervision knowledge as in force, and the rule base under it.</summary>
public sealed record GetSupervisionKnowledge(string Area);

/// <summary>A rule as an area runs it: switched on or off, with its parameters in force.</summary>
public sealed record RuleInForce(RuleDefinition Rule, bool Enabled, IReadOnlyDictionary<string, string> Parameters);

/// <summary>A version of the knowledge: when and by whom it was loaded.</summary>
public sealed record KnowledgeVersion(int Version, DateTimeOffset LoadedAt, string LoadedBy);

/// <summary>
/// The area's current document (null before any is loaded) and its versions, newest first; each
/// rule of the rule base (the statistical ones too) as it runs there; what the knowledge holds.
/// </summary>
public sealed record SupervisionKnowledgeView(
    string Area, string? Document, IReadOnlyList<KnowledgeVersion> Versions, IReadOnlyList<RuleInForce> Rules, IReadOnlyDictionary<string, int> Holds)
{
    /// <summary>Every area's code, to choose another.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];
}

public sealed class GetSupervisionKnowledgeHandler(YibaoDbContext db, ReferenceData reference)
{
    public async Task<Result<SupervisionKnowledgeView>> HandleAsync(GetSupervisionKnowledge command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var areas = (await db.Areas.AsNoTracking().Select(a => a.Admdvs).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
        if (!areas.Contains(command.Area))
        {
            return ReferenceErrors.UnknownAreaCode.With($"there is no area {command.Area}");
        }

        var versions = (await db.SupervisionKnowledge.AsNoTracking().Where(k => k.Area == command.Area)
                .Select(k => new { k.Version, k.LoadedAt, k.LoadedBy }).ToListAsync(ct))
            .OrderByDescending(k => k.Version).Select(k => new KnowledgeVersion(k.Version, k.LoadedAt, k.LoadedBy)).ToList();
        var document = versions.Count == 0 ? null : await db.SupervisionKnowledge.AsNoTracking()
            .Where(k => k.Area == command.Area && k.Version == versions[0].Version).Select(k => k.Document).FirstAsync(ct);
        var parsed = (await reference.SupervisionAsync(command.Area, ct))?.Document ?? SupervisionDocument.Empty;
        var rules = RuleSet.Default.Definitions.Concat(RuleSet.Default.PeerRules.Select(r => r.Definition)).DistinctBy(d => d.Id)
            .Select(d => new RuleInForce(d, !parsed.Disabled.Contains(d.Id), RuleSet.InForce(d, parsed.Settings)))
            .ToList();
        var k = parsed.Knowledge;
        var holds = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["restrictions"] = k.Restrictions.Count,
            ["includes"] = k.Includes.Count,
            ["therapyGroups"] = k.TherapyGroups.Count,
            ["contraindications"] = k.Contraindications.Count,
            ["dailyDoseLimits"] = k.DailyDoseLimits.Count,
            ["frequencyLimits"] = k.FrequencyLimits.Count,
            ["institutionServices"] = k.InstitutionServices.Count,
            ["bedDayItems"] = k.BedDayItems.Count,
        };
        return new SupervisionKnowledgeView(command.Area, document, versions, rules, holds) { Areas = areas };
    }
}
