using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>7205: the pharmacy's delivery of the drugs (<c>delv_stas_codg</c>), for a prescription it holds.</summary>
public sealed record RecordDelivery(string HiRxno, string Pharmacy, string DelvStasCodg, string? Detail);

public sealed class RecordDeliveryHandler(YibaoDbContext db, PrescriptionJournal journal)
{
    public async Task<Result<PrescriptionRow>> HandleAsync(RecordDelivery command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var held = await HeldPrescriptions.FindAsync(db, command.HiRxno, command.Pharmacy, ct);
        if (!held.IsSuccess)
        {
            return held.Error;
        }

        var rx = held.Value;
        rx.DelvStasCodg = command.DelvStasCodg;
        journal.Moved(rx, RxActor.Institution(command.Pharmacy, "gateway"), "delivery", $"delivery status {command.DelvStasCodg}{(command.Detail is null ? "" : ": " + command.Detail)}");
        return rx;
    }
}
