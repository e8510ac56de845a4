using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Application.Policies;

/// <summary>Closes a draft without publishing it; its simulations stay readable.</summary>
public sealed record DiscardPolicyDraft(long Id, string Actor);

public sealed class DiscardPolicyDraftHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<long>> HandleAsync(DiscardPolicyDraft command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var draft = await db.PolicyDrafts.FindAsync([command.Id], cancellationToken);
        if (draft is null)
        {
            return PolicyDraftErrors.DraftNotFound.With($"there is no policy draft {command.Id}");
        }

        if (draft.Status != DraftStatus.Draft)
        {
            return PolicyDraftErrors.DraftClosed.With($"draft {draft.Id} is {draft.Status}");
        }

        var now = clock.GetUtcNow();
        draft.Status = DraftStatus.Discarded;
        draft.UpdatedAt = now;
        db.Record(now, command.Actor, "policy.draft.discard", "policy", $"{draft.Area}/{draft.Insutype}/{draft.Year}", $"draft {draft.Id}");
        return draft.Id;
    }
}
