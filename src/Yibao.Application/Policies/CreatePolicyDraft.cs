using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Policies;

/// <summary>Starts a draft from the policy in force: a copy to edit, simulate and publish.</summary>
public sealed record CreatePolicyDraft(string Area, string Insutype, int Year, string Actor);

public sealed class CreatePolicyDraftHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<PolicyDraftRow>> HandleAsync(CreatePolicyDraft command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var policy = await db.Policies.FindAsync([command.Area, command.Insutype, command.Year], cancellationToken);
        if (policy is null)
        {
            return PolicyDraftErrors.PolicyNotFound.With($"there is no policy for {command.Area}/{command.Insutype}/{command.Year}");
        }

        var now = clock.GetUtcNow();
        var draft = new PolicyDraftRow
        {
            Area = policy.Area,
            Insutype = policy.Insutype,
            Year = policy.Year,
            BaseRevision = policy.Revision,
            Document = policy.Document,
            Status = DraftStatus.Draft,
            CreatedBy = command.Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.PolicyDrafts.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        db.Record(now, command.Actor, "policy.draft", "policy", $"{policy.Area}/{policy.Insutype}/{policy.Year}", $"draft {draft.Id} from revision {policy.Revision}");
        return draft;
    }
}
