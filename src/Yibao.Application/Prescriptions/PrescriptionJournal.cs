using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>Who acted on a prescription, and through which door: every event records it.</summary>
/// <param name="Kind">institution, person, staff or platform.</param>
/// <param name="Door">epc, gateway, phone, console or cli.</param>
public sealed record RxActor(string Kind, string Id, string Door)
{
    public static RxActor Institution(string fixmedinsCode, string door) => new("institution", fixmedinsCode, door);
}

/// <summary>A prescription's history: its moves, saved with them, and the refusals that guard it, saved although refused.</summary>
public sealed class PrescriptionJournal(YibaoDbContext db, RefusalRecords refusals, TimeProvider clock)
{
    /// <summary>Stages the move of <paramref name="rx"/> (already applied to the row) with the caller's save.</summary>
    public void Moved(PrescriptionRow rx, RxActor actor, string @event, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(rx);
        ArgumentNullException.ThrowIfNull(actor);
        rx.Version++;
        db.PrescriptionEvents.Add(Row(rx.HiRxno, actor, @event, null, rx.Status, detail));
    }

    /// <summary>Notes a refusal to be saved after the caller's rollback; returns it, for the caller to return.</summary>
    public DomainError Refused(string? hiRxno, RxActor actor, DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var row = Row(hiRxno, actor, "refused", error.Code, null, error.Message);
        refusals.Note(d => d.PrescriptionEvents.Add(row));
        return error;
    }

    /// <summary>Saves the refusals noted (for a use case that owns its transaction, after it rolled back).</summary>
    public Task FlushAsync(CancellationToken ct) => refusals.FlushAsync(db, ct);

    private PrescriptionEventRow Row(string? hiRxno, RxActor actor, string @event, string? code, string? status, string? detail) => new()
    {
        HiRxno = hiRxno,
        At = clock.GetUtcNow(),
        ActorKind = actor.Kind,
        Actor = actor.Id,
        Door = actor.Door,
        Event = @event,
        Code = code,
        Status = status,
        Detail = detail is { Length: > 500 } ? detail[..500] : detail,
        Fraud = code is not null && PrescriptionFraudErrors.Codes.Contains(code),
    };
}
