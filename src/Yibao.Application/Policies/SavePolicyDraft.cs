using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Storage;

namespace Yibao.Application.Policies;

/// <summary>Replaces a draft's document, validated exactly as the engine validates a loaded policy.</summary>
public sealed record SavePolicyDraft(long Id, string Document, string Actor);

public sealed class SavePolicyDraftHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<long>> HandleAsync(SavePolicyDraft command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var open = await PolicyDrafts.OpenAsync(db, command.Id, cancellationToken);
        if (!open.IsSuccess)
        {
            return open.Error;
        }

        var draft = open.Value;

        var policy = PolicyJson.Read(command.Document);
        if (!policy.IsSuccess)
        {
            return policy.Error;
        }

        var p = policy.Value;
        if ((p.Area, p.Insutype, p.Year) != (draft.Area, draft.Insutype, draft.Year))
        {
            return PolicyDraftErrors.DraftIdentityChanged.With($"draft {draft.Id} is the policy of {draft.Area}/{draft.Insutype}/{draft.Year}, not of {p.Area}/{p.Insutype}/{p.Year}");
        }

        var now = clock.GetUtcNow();
        draft.Document = PolicyJson.Write(p);
        draft.UpdatedAt = now;
        db.Record(now, command.Actor, "policy.draft.save", "policy", $"{draft.Area}/{draft.Insutype}/{draft.Year}", $"draft {draft.Id}");
        return draft.Id;
    }
}
