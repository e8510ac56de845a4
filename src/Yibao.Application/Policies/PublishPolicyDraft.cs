using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Storage;

namespace Yibao.Application.Policies;

/// <summary>
/// Publishes a draft as the policy's next revision, through the same use case that loads policies;
/// refused when the policy gained a revision since the draft was taken, so that nobody's change is
/// silently undone.
/// </summary>
public sealed record PublishPolicyDraft(long Id, string Actor);

public sealed class PublishPolicyDraftHandler(YibaoDbContext db, LoadPoliciesHandler load, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(PublishPolicyDraft command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var open = await PolicyDrafts.OpenAsync(db, command.Id, cancellationToken);
        if (!open.IsSuccess)
        {
            return open.Error;
        }

        var draft = open.Value;

        var current = await db.Policies.FindAsync([draft.Area, draft.Insutype, draft.Year], cancellationToken);
        if (current is null || current.Revision != draft.BaseRevision)
        {
            return PolicyDraftErrors.DraftStale.With($"the policy is at revision {current?.Revision} since draft {draft.Id} was taken from revision {draft.BaseRevision}; start a new draft");
        }

        var loaded = await load.HandleAsync(new LoadPolicies([PolicyJson.Read(draft.Document).Value], command.Actor), cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error;
        }

        draft.Status = DraftStatus.Published;
        draft.PublishedRevision = current.Revision;
        draft.UpdatedAt = clock.GetUtcNow();
        return current.Revision;
    }
}
