using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>A stored prescription's lifecycle state, and a move applied back to the row.</summary>
public static class RxStates
{
    public static RxState Of(PrescriptionRow rx)
    {
        ArgumentNullException.ThrowIfNull(rx);
        return new RxState(Parse(rx.Status), rx.ValiEndTime, new RxReuse(rx.MaxReptCnt, rx.MinInrvDays), rx.Dispensings, rx.LastDispensedAt, rx.HeldBy, rx.HeldSince);
    }

    /// <summary>Moves the row by the lifecycle; the refusal when it may not move.</summary>
    public static DomainError? Move(PrescriptionRow rx, RxEvent @event, DateTimeOffset at, string? pharmacy = null)
    {
        ArgumentNullException.ThrowIfNull(rx);
        var next = PrescriptionLifecycle.Next(rx.HiRxno, Of(rx), @event, at, pharmacy);
        if (!next.IsSuccess)
        {
            return next.Error;
        }

        var s = next.Value;
        (rx.Status, rx.Dispensings, rx.LastDispensedAt, rx.HeldBy, rx.HeldSince) = (s.Status.ToName(), s.Dispensings, s.LastDispensedAt, s.HeldBy, s.HeldSince);
        return null;
    }

    /// <summary>The state a person or a list should see: a live prescription past its validity is expired, whether or not anything touched it since.</summary>
    public static RxStatus Shown(PrescriptionRow rx, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rx);
        var status = Parse(rx.Status);
        return Of(rx).IsLive && status != RxStatus.Dispensing && now > rx.ValiEndTime ? RxStatus.Expired : status;
    }

    public static RxStatus Parse(string status) => Enum.GetValues<RxStatus>().First(s => s.ToName() == status);
}
