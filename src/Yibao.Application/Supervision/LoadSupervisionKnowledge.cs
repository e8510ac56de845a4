using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Domain.Supervision;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>A loaded version of an area's supervision knowledge: what it holds.</summary>
public sealed record LoadedSupervisionKnowledge(string Area, int Version, int Restrictions, int RuleSettings, int DisabledRules);

/// <summary>Loads a new version of an area's supervision knowledge and rule settings (the JSON of <see cref="SupervisionJson"/>).</summary>
public sealed record LoadSupervisionKnowledge(string Area, string Document, string Actor);

/// <summary>
/// Checks the document against the rule base (every rule id and parameter must exist) and keeps it
/// as the area's next version; the in-event rules use it from the next claim on, in every process
/// (it is reference data: the revision moves).
/// </summary>
public sealed class LoadSupervisionKnowledgeHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<LoadedSupervisionKnowledge>> HandleAsync(LoadSupervisionKnowledge command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await db.Areas.AsNoTracking().AnyAsync(a => a.Admdvs == command.Area, ct))
        {
            return ReferenceErrors.UnknownAreaCode.With($"there is no area {command.Area}");
        }

        var read = SupervisionJson.Read(command.Document, RuleSet.Default);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var version = 1 + (await db.SupervisionKnowledge.Where(k => k.Area == command.Area).MaxAsync(k => (int?)k.Version, ct) ?? 0);
        var now = clock.GetUtcNow();
        db.SupervisionKnowledge.Add(new SupervisionKnowledgeRow { Area = command.Area, Version = version, Document = command.Document, LoadedAt = now, LoadedBy = command.Actor });
        db.Record(now, command.Actor, "supervision.knowledge", "area", command.Area, $"version {version}");
        var document = read.Value;
        return new LoadedSupervisionKnowledge(command.Area, version, document.Knowledge.Restrictions.Count, document.Settings.Count, document.Disabled.Count);
    }
}
