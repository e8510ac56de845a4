using System.Text.Json;
using System.Text.Json.Serialization;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Federation;

/// <summary>The messages between nodes and the hub: JSON in snake_case, every answer an envelope of a value or an error.</summary>
public static class FederationWire
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Answer<T>(Result<T> result) => JsonSerializer.Serialize(
        result.IsSuccess ? new FederationReply<T>(result.Value, null) : new FederationReply<T>(default, new FederationError(result.Error.Code, result.Error.Message, result.Error.Kind)), Json);

    public static string Refusal(DomainError error) => Answer(Result<bool>.Failure(error));
}

public sealed record FederationReply<T>(T? Value, FederationError? Error);

public sealed record FederationError(string Code, string Message, ErrorKind Kind)
{
    public DomainError ToDomain() => new(Code, Message, Kind);
}

/// <summary>Who a treatment node looks for: by <c>psn_no</c>, or by ID number (with the card's serial when the card was shown).</summary>
public sealed record PersonQuery(string? PsnNo, string? Certno, string? CardSn);

public sealed record RemoteChronic(string Disease, string Name, DateOnly From);

public sealed record RemoteFiling(string Type, string Reason, string ToArea, DateOnly From, DateOnly? To);

/// <summary>An insured person as their insured node shows them to a treatment node: enough to register and check a visit.</summary>
public sealed record RemotePerson(
    string PsnNo, string Name, string Gender, DateOnly Birthday, string Certno, string Insutype, string Area, bool Retired, string? Naty, string? CardSn,
    IReadOnlyList<RemoteChronic> Chronic, IReadOnlyList<RemoteFiling> Filings)
{
    /// <summary>The person's record, with its chronic registrations and filings loaded.</summary>
    public static RemotePerson Of(Storage.Entities.PersonRow person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(
            person.PsnNo, person.Name, person.Gender, person.Birthday, person.Certno, person.Insutype, person.Area, person.Retired, person.Naty, person.CardSn,
            [.. person.Chronic.Select(c => new RemoteChronic(c.Disease, c.Name, c.From))],
            [.. person.Filings.Select(f => new RemoteFiling(f.Type, f.Reason, f.ToArea, f.From, f.To))]);
    }
}

/// <summary>A certificate's QR code another node issued, scanned at <paramref name="Institution"/> of the treatment node.</summary>
public sealed record RemoteQrDecode(string QrCode, string Institution);

/// <summary>A person's ledger for a year, as the insured node answers it.</summary>
public sealed record LedgerState(decimal Balance, int Year, IReadOnlyDictionary<BenefitKind, Accumulator> Accumulators)
{
    public static LedgerState Of(PersonLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new(ledger.Balance, ledger.Year, BenefitKinds.All.ToDictionary(k => k, k => ledger.Accumulators[k]));
    }

    public PersonLedger ToDomain() => new(Balance, Year, new AccumulatorSet(Accumulators));
}

public sealed record LedgerQuery(string PsnNo, int Year);

public sealed record RemoteLedgerView(LedgerState Ledger, string Area, string Insutype, bool Retired);

/// <summary>
/// A claim classified at the treatment node (phase 1, its catalogue), for phase 2 at the insured node.
/// <paramref name="MsgId"/> is the settlement's id: a retry carries the same. With
/// <paramref name="Take"/> false it is a pre-settlement: computed, nothing kept.
/// </summary>
public sealed record RemoteClaim(
    string MsgId, string PsnNo, string FixmedinsCode, string TreatmentArea, DateOnly VisitDate,
    string MedType, Channel Channel, VisitKind VisitKind, bool UseAccount, int EffectiveLevel,
    IReadOnlyList<LineSplit> Lines, ClaimTotals Totals, bool Take);

/// <summary>Phase 2's answer: the split, what it was computed under, and the ledger after it.</summary>
public sealed record RemoteSplit(SettlementResult Result, string Insutype, bool Retired, string Filing, int PolicyRevision, LedgerState Ledger);

/// <summary>A settlement's entry given back (<c>cancel</c>) or taken again (<c>restore</c>) at the insured node, as message <paramref name="MsgId"/>.</summary>
public sealed record RemoteEntryChange(string MsgId, string SetlId, string PsnNo, int Year);

/// <summary>The insured node asks what became of messages it applied.</summary>
public sealed record DecisionQuery(IReadOnlyList<string> MsgIds);

/// <summary>Each message's fate at the treatment node: <c>committed</c> or <c>aborted</c>.</summary>
public sealed record DecisionAnswer(IReadOnlyDictionary<string, string> Decisions);

/// <summary>A peer's new public key, sent signed with its old one.</summary>
public sealed record PeerKey(string PublicKey);
