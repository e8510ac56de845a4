using System.Text.Json;
using Yibao.Domain.Supervision;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>
/// The supervision findings of the claim this unit of work judged (none blocking: a blocking one
/// refused it): the doors show them as warnings (<c>warn_msg</c>), and a settlement keeps them.
/// </summary>
public sealed class ClaimFindings(TimeProvider clock)
{
    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    public void Set(IReadOnlyList<Finding> findings) => Findings = findings;

    /// <summary>The warnings in one line each, as the envelope's <c>warn_msg</c> carries them; null when there are none.</summary>
    public string? WarnMsg => Findings.Count == 0 ? null : string.Join("; ", Findings.Select(f => $"[{f.RuleId}] {f.Content}"));

    /// <summary>Stages the findings with the settlement they were found on, in the caller's save.</summary>
    public void Keep(YibaoDbContext db, SettlementRow settlement)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settlement);
        foreach (var f in Findings)
        {
            db.SupervisionFindings.Add(Row(f, "during", clock.GetUtcNow(), settlement.SetlId, settlement.FixmedinsCode));
        }
    }

    /// <param name="jrId">The finding's id, when the caller derives it (after the event, from its key); a new one otherwise.</param>
    public static SupervisionFindingRow Row(Finding finding, string stage, DateTimeOffset at, string? setlId, string? fixmedinsCode, string? jrId = null)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new SupervisionFindingRow
        {
            JrId = jrId ?? Ids.New("JR", at),
            Stage = stage,
            RuleId = finding.RuleId,
            RuleName = finding.RuleName,
            Severity = (int)finding.Severity,
            Blocking = finding.Blocking,
            MdtrtId = finding.MdtrtId.Length == 0 ? null : finding.MdtrtId,
            SetlId = setlId,
            PsnNo = finding.PsnNo.Length == 0 ? null : finding.PsnNo,
            FixmedinsCode = fixmedinsCode,
            Subject = finding.Subject,
            Content = finding.Content.Length > 1000 ? finding.Content[..1000] : finding.Content,
            Amount = finding.Amount,
            Evidence = JsonSerializer.Serialize(finding.EvidenceLines),
            Parameters = JsonSerializer.Serialize(finding.Parameters),
            FoundAt = at,
        };
    }
}
