using Yibao.Application.Policies;
using Yibao.Domain.Interchange;
using Yibao.Testing;

namespace Yibao.Application.Tests.Policies;

public sealed class PolicyDraftTests
{
    private const string Staff = "staff:demo.policy";

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task PublishPolicyDraftThenGetPolicyHistoryAndListPolicies_ASavedDraft_BecomesTheNextRevisionWithItsHistory(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var draft = (await app.CommitAsync(s => s.Use<CreatePolicyDraftHandler>().HandleAsync(new CreatePolicyDraft("330100", "310", 2026, Staff), default))).Ok();
        var richer = draft.Document.Replace("\"1\":0.8", "\"1\":0.85", StringComparison.Ordinal);
        Assert.NotEqual(draft.Document, richer);

        (await app.CommitAsync(s => s.Use<SavePolicyDraftHandler>().HandleAsync(new SavePolicyDraft(draft.Id, richer, Staff), default))).Ok();
        var saved = (await app.ReadAsync(s => s.Use<GetPolicyDraftHandler>().HandleAsync(new GetPolicyDraft(draft.Id), default))).Ok();
        var published = (await app.CommitAsync(s => s.Use<PublishPolicyDraftHandler>().HandleAsync(new PublishPolicyDraft(draft.Id, Staff), default))).Ok();
        var history = (await app.ReadAsync(s => s.Use<GetPolicyHistoryHandler>().HandleAsync(new GetPolicyHistory("330100", "310", 2026), default))).Ok();
        var list = await app.ReadAsync(s => s.Use<ListPoliciesHandler>().HandleAsync(new ListPolicies(), default));

        Assert.False(saved.IsStale);
        Assert.Equal(0.85m, saved.Policy.BenefitFor(Domain.Codes.BenefitKind.Outpatient).Ratio.Level1);
        Assert.Equal(0.8m, saved.Current.BenefitFor(Domain.Codes.BenefitKind.Outpatient).Ratio.Level1);
        Assert.Equal(draft.BaseRevision + 1, published);
        Assert.Equal([published, draft.BaseRevision], history.Revisions.Select(r => r.Revision));
        Assert.Equal(Staff, history.Revisions[0].LoadedBy);
        var change = Assert.Single(Domain.Policies.PolicyFields.Compare(history.Revisions[1].Policy, history.Revisions[0].Policy), c => c.Changed);
        Assert.Equal(("outpatient.ratio.1", "0.8", "0.85"), (change.Name, change.Left, change.Right));
        Assert.Equal("published", Assert.Single(history.Drafts).Status);
        Assert.Contains(list, p => p.Area == "330100" && p.Insutype == "310" && p.Revision == published && p.Drafts.Count == 0);
        Assert.Equal("draft_closed", (await app.CommitAsync(s => s.Use<SavePolicyDraftHandler>().HandleAsync(new SavePolicyDraft(draft.Id, richer, Staff), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task CreatePolicyDraftThenSavePolicyDraftAndGetPolicyDraft_InvalidOrAnotherPolicy_IsRefusedAndNothingChanges(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var draft = (await app.CommitAsync(s => s.Use<CreatePolicyDraftHandler>().HandleAsync(new CreatePolicyDraft("330100", "310", 2026, Staff), default))).Ok();

        var badRatio = await app.CommitAsync(s => s.Use<SavePolicyDraftHandler>().HandleAsync(new SavePolicyDraft(draft.Id, draft.Document.Replace("\"1\":0.8", "\"1\":1.8", StringComparison.Ordinal), Staff), default));
        var otherYear = await app.CommitAsync(s => s.Use<SavePolicyDraftHandler>().HandleAsync(new SavePolicyDraft(draft.Id, draft.Document.Replace("2026", "2027", StringComparison.Ordinal), Staff), default));
        var notJson = await app.CommitAsync(s => s.Use<SavePolicyDraftHandler>().HandleAsync(new SavePolicyDraft(draft.Id, "{", Staff), default));
        var kept = (await app.ReadAsync(s => s.Use<GetPolicyDraftHandler>().HandleAsync(new GetPolicyDraft(draft.Id), default))).Ok();

        Assert.Equal("invalid_policy", badRatio.Refusal());
        Assert.Equal("draft_identity_changed", otherYear.Refusal());
        Assert.NotEqual("draft_identity_changed", notJson.Refusal());
        Assert.Equal(PolicyJson.Write(kept.Current), PolicyJson.Write(kept.Policy));
        Assert.Equal("draft_not_found", (await app.ReadAsync(s => s.Use<GetPolicyDraftHandler>().HandleAsync(new GetPolicyDraft(999), default))).Refusal());
        Assert.Equal("policy_missing", (await app.CommitAsync(s => s.Use<CreatePolicyDraftHandler>().HandleAsync(new CreatePolicyDraft("330100", "310", 1999, Staff), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task PublishPolicyDraftAndDiscardPolicyDraft_ThePolicyMovedOn_IsRefusedAsStaleAndTheDraftIsClosed(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var first = (await app.CommitAsync(s => s.Use<CreatePolicyDraftHandler>().HandleAsync(new CreatePolicyDraft("330100", "310", 2026, Staff), default))).Ok();
        var second = (await app.CommitAsync(s => s.Use<CreatePolicyDraftHandler>().HandleAsync(new CreatePolicyDraft("330100", "310", 2026, Staff), default))).Ok();
        (await app.CommitAsync(s => s.Use<PublishPolicyDraftHandler>().HandleAsync(new PublishPolicyDraft(first.Id, Staff), default))).Ok();

        var stale = await app.CommitAsync(s => s.Use<PublishPolicyDraftHandler>().HandleAsync(new PublishPolicyDraft(second.Id, Staff), default));
        var discarded = await app.CommitAsync(s => s.Use<DiscardPolicyDraftHandler>().HandleAsync(new DiscardPolicyDraft(second.Id, Staff), default));

        Assert.Equal("draft_stale", stale.Refusal());
        Assert.True((await app.ReadAsync(s => s.Use<GetPolicyDraftHandler>().HandleAsync(new GetPolicyDraft(second.Id), default))).Ok().IsStale);
        Assert.Equal(second.Id, discarded.Ok());
        Assert.Equal("draft_closed", (await app.CommitAsync(s => s.Use<DiscardPolicyDraftHandler>().HandleAsync(new DiscardPolicyDraft(second.Id, Staff), default))).Refusal());
    }
}
