using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;
using Yibao.Storage;

namespace Yibao.Application.Policies;

/// <summary>A draft, its policy, and the revision in force now (which it may have fallen behind).</summary>
public sealed record PolicyDraft(long Id, string Status, int BaseRevision, int CurrentRevision, Policy Policy, Policy Current, string Document, string CreatedBy, DateTimeOffset UpdatedAt, int? PublishedRevision)
{
    public bool IsStale => CurrentRevision != BaseRevision;
}

public sealed record GetPolicyDraft(long Id);

public sealed class GetPolicyDraftHandler(YibaoDbContext db)
{
    public async Task<Result<PolicyDraft>> HandleAsync(GetPolicyDraft command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var draft = await db.PolicyDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == command.Id, cancellationToken);
        if (draft is null)
        {
            return PolicyDraftErrors.DraftNotFound.With($"there is no policy draft {command.Id}");
        }

        var current = await db.Policies.AsNoTracking().FirstAsync(p => p.Area == draft.Area && p.Insutype == draft.Insutype && p.Year == draft.Year, cancellationToken);

        // Both documents were validated when saved.
        return new PolicyDraft(draft.Id, draft.Status, draft.BaseRevision, current.Revision, PolicyJson.Read(draft.Document).Value, PolicyJson.Read(current.Document).Value, draft.Document, draft.CreatedBy, draft.UpdatedAt, draft.PublishedRevision);
    }
}
