using Yibao.Application.Visits;
using Yibao.Domain.Lifecycles;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Visits;

/// <param name="PsnNo">The person, by <c>psn_no</c>; or give <paramref name="Certno"/>.</param>
/// <param name="Channel"><c>online</c> or <c>offline</c>; defaults to the institution's (internet hospitals are online).</param>
/// <param name="VisitKind"><c>first</c> or <c>followUp</c> (default).</param>
/// <param name="Begntime">When the visit began; defaults to now.</param>
/// <param name="DiseCodg">Diagnosis code (ICD-10), if known at registration.</param>
/// <param name="OnlineService">Online visits: <c>followUp</c> (default), <c>pharmacyClinic</c> or <c>homeNursing</c>; the agreement must cover it.</param>
public sealed record RegisterVisitRequest(
    string? PsnNo,
    string? Certno,
    string? FixmedinsCode,
    string? MedType,
    string? Channel,
    string? VisitKind,
    DateTimeOffset? Begntime,
    string? DiseCodg,
    string? OnlineService = null);

public sealed record VisitResponse(
    string MdtrtId,
    string PsnNo,
    string FixmedinsCode,
    string MedType,
    string Channel,
    string VisitKind,
    string? OnlineService,
    string Filing,
    string InsuplcAdmdvs,
    string MdtrtAreaAdmvs,
    string? DiseCodg,
    DateTimeOffset Begntime,
    string Status);

/// <param name="FeedetlSn">The institution's line serial; assigned when absent.</param>
/// <param name="Rxno">The prescription the line was dispensed on, if any (at most 30 characters).</param>
/// <param name="RxCircFlag">Whether that prescription came through the circulation platform.</param>
public sealed record FeeLineRequest(string? FeedetlSn, string? Code, string? Name, decimal? Price, decimal? Qty, decimal? Amount, string? Rxno = null, bool? RxCircFlag = null);

public sealed record UploadFeesRequest(IReadOnlyList<FeeLineRequest>? Lines);

/// <summary>The per-line split of phase 1, with the national field names of 2204's output.</summary>
public sealed record FeeLineSplit(
    string FeedetlSn,
    string Code,
    decimal Amount,
    decimal FulamtOwnpayAmt,
    decimal OverlmtAmt,
    decimal PreselfpayAmt,
    decimal InscpScpAmt,
    decimal SelfpayProp,
    decimal? PricUplmtAmt,
    string ChrgitmLv,
    string? Memo = null);

public sealed record UploadFeesResponse(string MdtrtId, IReadOnlyList<FeeLineSplit> Lines);

public sealed record CancelFeesResponse(string MdtrtId, int CancelledLines);

/// <summary>Visits and fee lines in the native API's form.</summary>
internal static class VisitResponses
{
    public static VisitResponse From(VisitRow visit, AgencyCalendar calendar) => new(
        visit.MdtrtId,
        visit.PsnNo,
        visit.FixmedinsCode,
        visit.MedType,
        visit.Channel,
        visit.VisitKind,
        visit.OnlineService,
        visit.Filing,
        visit.InsuredArea,
        visit.TreatmentArea,
        visit.DiseaseCode,
        visit.BeginTime.ToOffset(calendar.Now.Offset),
        visit.Status.ToName());

    public static FeeLineSplit Split(FeeLineRow row, string? memo = null) =>
        new(row.FeedetlSn, row.Code, row.Amount, row.Fulamt, row.Over, row.Pre, row.Inscp, row.SelfpayProp, row.PriceCap, row.ChrgitmLv, memo);

    public static UploadFeesResponse Uploaded(string mdtrtId, IReadOnlyList<UploadedLine> lines) =>
        new(mdtrtId, lines.Select(l => Split(l.Row, l.Memo)).ToList());
}

public sealed record VisitDetailResponse(VisitResponse Visit, IReadOnlyList<FeeLineSplit> FeeLines);
