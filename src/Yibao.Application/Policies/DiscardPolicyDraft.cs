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
        var open = await PolicyDrafts.OpenAsync(db, command.Id, cancellationToken);
        if (!open.IsSuccess)
        {
            return open.Error;
        }

        var draft = open.Value;

        var now = clock.GetUtcNow();
        draft.Status = DraftStatus.Discarded;
        draft.UpdatedAt = now;
        db.Record(now, command.Actor, "policy.draft.discard", "policy", $"{draft.Area}/{draft.Insutype}/{draft.Year}", $"draft {draft.Id}");
        return draft.Id;
    }
}
