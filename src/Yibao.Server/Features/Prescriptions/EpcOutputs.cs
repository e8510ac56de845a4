using Yibao.Application.Prescriptions;
using Yibao.Domain.Prescriptions;
using Yibao.Server.Features.Gateway;

namespace Yibao.Server.Features.Prescriptions;

/// <summary>The hospital queries' answers, from one read of the prescription (<see cref="GetPrescriptionHandler"/>).</summary>
internal static class EpcOutputs
{
    private static string? Time(DateTimeOffset? at, AgencyCalendar calendar) => at is { } t ? GatewayFormats.Time(t, calendar) : null;

    /// <summary><c>rxUsedStasCodg</c>: 0 not dispensed, 1 being dispensed, 2 dispensed, 3 written off.</summary>
    public static string UsedStatus(RxStatus status) => status switch
    {
        RxStatus.Dispensing => "1",
        RxStatus.Dispensed => "2",
        RxStatus.Settled => "3",
        _ => "0",
    };

    public static object Query(string transaction, PrescriptionView view, AgencyCalendar calendar)
    {
        var rx = view.Prescription;
        return transaction switch
        {
            "rxChkInfoQuery" => new { rx.HiRxno, rx.RxChkStasCodg, rx.RxChkOpnn, RxChkTime = Time(rx.RxChkTime, calendar), PharName = rx.RxChkPharName, DspeerFixmedinsCode = rx.HeldBy },
            "rxSetlInfoQuery" => new
            {
                rx.HiRxno,
                SetlTime = Time(view.Settlement?.SettledAt, calendar),
                RxUsedStasCodg = UsedStatus(view.Shown),
                rx.SetlId,
                FixmedinsCode = view.Settlement?.FixmedinsCode,
                MedfeeSumamt = view.Settlement?.MedfeeSumamt,
                FundPaySumamt = view.Settlement?.FundPaySumamt,
                PsnPartAmt = view.Settlement?.PsnPartAmt,
                Seltdelts = view.Dispensed.Select(l => new
                {
                    MedListCodg = l.Code,
                    DrugGenname = l.Name,
                    Cnt = l.Qty,
                    Pric = l.Price,
                    Sumamt = l.Amount,
                    DrugTracCodg = view.Packs.Where(p => p.MedListCodg == l.Code).Select(p => p.DrugTracCodg).ToList(),
                }).ToList(),
            },
            _ => new
            {
                rx.HiRxno,
                rx.FixmedinsCode,
                FixmedinsName = view.InstitutionName,
                rx.MdtrtId,
                RxStasCodg = view.Shown.RxStasCodg(),
                RxStasName = view.Shown.ToName(),
                RxUsedStasCodg = UsedStatus(view.Shown),
                PrscTime = Time(rx.PrscTime, calendar),
                ValiEndTime = Time(rx.ValiEndTime, calendar),
                rx.MaxReptCnt,
                rx.Dispensings,
                rx.SignDigest,
                rx.SignCertSn,
                Rxdrugdetail = view.Content["prescription"]?["rxdrugdetail"],
                Mdtrtinfo = view.Content["prescription"]?["mdtrtinfo"],
                Diseinfo = view.Content["prescription"]?["diseinfo"],
                History = view.History.Select(e => new { At = Time(e.At, calendar), e.Event, e.ActorKind, e.Actor, e.Door, e.Status, e.Code, e.Detail }).ToList(),
            },
        };
    }
}
