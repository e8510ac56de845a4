using Yibao.Domain;

namespace Yibao.Application.Policies;

/// <summary>The refusals of policy drafts and what-if simulations.</summary>
public static class PolicyDraftErrors
{
    public static readonly ErrorCode PolicyNotFound = new("policy_missing", ErrorKind.NotFound);
    public static readonly ErrorCode DraftNotFound = new("draft_not_found", ErrorKind.NotFound);

    /// <summary>Published or discarded: a draft is edited, simulated and published only while it is a draft.</summary>
    public static readonly ErrorCode DraftClosed = new("draft_closed", ErrorKind.Conflict);

    /// <summary>The policy gained a revision since the draft was taken from it: publishing would silently undo that revision.</summary>
    public static readonly ErrorCode DraftStale = new("draft_stale", ErrorKind.Conflict);

    /// <summary>A draft's document must stay the policy it was taken from (area, insurance type, year).</summary>
    public static readonly ErrorCode DraftIdentityChanged = new("draft_identity_changed", ErrorKind.Invalid);

    public static readonly ErrorCode SimulationNotFound = new("simulation_not_found", ErrorKind.NotFound);

    /// <summary>A run is run once: another runner has it, or it has ended.</summary>
    public static readonly ErrorCode SimulationNotQueued = new("simulation_not_queued", ErrorKind.Conflict);

    /// <summary>A simulated period lies within the draft's year, from its first day to its last.</summary>
    public static readonly ErrorCode InvalidSimulationPeriod = new("invalid_simulation_period", ErrorKind.Invalid);
}

/// <summary>What the draft use cases share.</summary>
internal static class PolicyDrafts
{
    /// <summary>A draft still open to editing, publishing or discarding, tracked.</summary>
    public static async Task<Result<Storage.Entities.PolicyDraftRow>> OpenAsync(Storage.YibaoDbContext db, long id, CancellationToken cancellationToken)
    {
        var draft = await db.PolicyDrafts.FindAsync([id], cancellationToken);
        if (draft is null)
        {
            return PolicyDraftErrors.DraftNotFound.With($"there is no policy draft {id}");
        }

        return draft.Status == DraftStatus.Draft ? draft : PolicyDraftErrors.DraftClosed.With($"draft {draft.Id} is {draft.Status}");
    }
}

/// <summary>A draft's states.</summary>
public static class DraftStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Discarded = "discarded";
}
