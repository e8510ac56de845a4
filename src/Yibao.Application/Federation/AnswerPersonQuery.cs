using Microsoft.Extensions.Options;
using Yibao.Application.Persons;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;

namespace Yibao.Application.Federation;

/// <summary>
/// A treatment node looks for a person insured here (through the hub): by <c>psn_no</c>, or by ID
/// number and, when the card was shown, its serial, which must be the card on file. The read is
/// recorded as the treatment node's.
/// </summary>
public sealed record AnswerPersonQuery(PersonQuery Query, string TreatmentNode);

public sealed class AnswerPersonQueryHandler(YibaoDbContext db, WriteGate gate, IOptions<YibaoOptions> options, TimeProvider clock)
{
    public async Task<Result<RemotePerson>> HandleAsync(AnswerPersonQuery command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var query = command.Query;
        if (string.IsNullOrWhiteSpace(query.PsnNo) && string.IsNullOrWhiteSpace(query.Certno))
        {
            return FederationErrors.Invalid.With("A person query names psn_no or certno.");
        }

        var person = await PersonAccess.FindAsync(db, query.PsnNo, query.Certno, ct);

        // Only people insured here are answered for: a guest from another node is that node's to show.
        if (person is null || !options.Value.Federation.Serves(person.Area) || query.CardSn is { } card && person.CardSn != card)
        {
            return PersonErrors.NotFound(query.PsnNo ?? Domain.Privacy.Masking.IdNumber(query.Certno ?? ""));
        }

        await PersonReads.RecordAsync(db, gate, new PersonReader("node", command.TreatmentNode, "federation"), person.PsnNo, "person", clock.GetUtcNow(), ct);
        return RemotePerson.Of(person);
    }
}

/// <summary>A treatment node reads the ledger of a person insured here (the balance 1101 shows).</summary>
public sealed record AnswerLedgerQuery(LedgerQuery Query, string TreatmentNode);

public sealed class AnswerLedgerQueryHandler(Ledger.LocalPersonLedger ledgers, IOptions<YibaoOptions> options)
{
    public async Task<Result<RemoteLedgerView>> HandleAsync(AnswerLedgerQuery command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var view = await ledgers.ReadAsync(command.Query.PsnNo, command.Query.Year, ct);
        return view is null || !options.Value.Federation.Serves(view.Insured.Area)
            ? PersonErrors.NotFound(command.Query.PsnNo)
            : new RemoteLedgerView(LedgerState.Of(view.Ledger), view.Insured.Area, view.Insured.Insutype, view.Insured.Retired);
    }
}
