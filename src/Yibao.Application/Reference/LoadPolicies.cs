using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Reference;

/// <summary>Loads or replaces policies (one per area, insurance type and year); a replacement bumps the revision, and every revision's document is kept.</summary>
public sealed record LoadPolicies(IReadOnlyCollection<Policy> Policies, string Actor);

public sealed class LoadPoliciesHandler(YibaoDbContext db, TimeProvider clock)
{
    /// <summary>Loads or replaces each policy; a replacement bumps the revision, and the revision's document is kept beside the audit entry.</summary>
    public async Task<Result<int>> HandleAsync(LoadPolicies command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var policies = command.Policies;
        var count = 0;
        foreach (var policy in policies)
        {
            if (!await ReferenceAccess.AreaExistsAsync(db, policy.Area, cancellationToken))
            {
                return ReferenceErrors.UnknownArea(policy.Area);
            }

            var document = PolicyJson.Write(policy);
            var row = await db.Policies.FindAsync([policy.Area, policy.Insutype, policy.Year], cancellationToken);
            if (row is null)
            {
                db.Policies.Add(row = new PolicyRow { Area = policy.Area, Insutype = policy.Insutype, Year = policy.Year, Revision = 1, Document = document, LoadedAt = clock.GetUtcNow() });
            }
            else
            {
                row.Revision++;
                row.Document = document;
                row.LoadedAt = clock.GetUtcNow();
            }

            db.PolicyRevisions.Add(new PolicyRevisionRow { Area = row.Area, Insutype = row.Insutype, Year = row.Year, Revision = row.Revision, Document = document, LoadedBy = command.Actor, LoadedAt = row.LoadedAt });
            db.Record(clock.GetUtcNow(), command.Actor, "policy.upsert", "policy", $"{policy.Area}/{policy.Insutype}/{policy.Year}", $"revision {row.Revision}");
            count++;
        }

        return count;
    }
}
