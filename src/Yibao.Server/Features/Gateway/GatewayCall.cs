using Microsoft.EntityFrameworkCore;
using Yibao.Server.Features.Settlements;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Server.Features.Gateway;

/// <summary>One authenticated transaction: the envelope, the calling institution and the services it may use.</summary>
internal sealed class GatewayCall(
    GatewayRequest request,
    InstitutionRow institution,
    YibaoDbContext db,
    AgencyCalendar calendar,
    ReferenceCache reference,
    ClaimPreparation preparation,
    ECertificate.ECertificates certificates,
    Payments.PaymentOrderService payments)
{
    public Payments.PaymentOrderService Payments => payments;

    public ECertificate.ECertificates Certificates => certificates;

    public GatewayRequest Request => request;

    public InstitutionRow Institution => institution;

    public YibaoDbContext Db => db;

    public AgencyCalendar Calendar => calendar;

    public ReferenceCache Reference => reference;

    public ClaimPreparation Preparation => preparation;

    public GatewayInput Input => new(request.Input, "input");

    /// <summary>The caller's own visit: another institution's visit is "not found", never revealed.</summary>
    public async Task<VisitRow> OwnVisitAsync(string mdtrtId, CancellationToken ct, bool track = false)
    {
        var query = track ? db.Visits : db.Visits.AsNoTracking();
        return await query.FirstOrDefaultAsync(v => v.MdtrtId == mdtrtId && v.FixmedinsCode == institution.FixmedinsCode, ct)
            ?? throw new GatewayRefusal($"Visit {mdtrtId} does not exist at institution {institution.FixmedinsCode}.");
    }

    public async Task<SettlementRow> OwnSettlementAsync(string setlId, CancellationToken ct) =>
        await db.Settlements.AsNoTracking().Include(s => s.Lines).FirstOrDefaultAsync(s => s.SetlId == setlId && s.FixmedinsCode == institution.FixmedinsCode, ct)
            ?? throw new GatewayRefusal($"Settlement {setlId} does not exist at institution {institution.FixmedinsCode}.");

    public async Task<PersonRow> PersonAsync(string psnNo, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Include(p => p.Chronic).Include(p => p.Filings).FirstOrDefaultAsync(p => p.PsnNo == psnNo, ct)
            ?? throw new GatewayRefusal($"No insured person {psnNo}.");
        if (request.InsuplcAdmdvs is { } insuplc && insuplc != person.Area)
        {
            throw new GatewayRefusal($"insuplc_admdvs {insuplc} is not the insured area of person {psnNo} ({person.Area}).");
        }

        return person;
    }

    /// <summary>Turns a refused operation into the gateway's refusal.</summary>
    public static T Expect<T>(Reply reply) =>
        reply.Error is { } error ? throw new GatewayRefusal($"[{error.Code}] {error.Detail}") : (T)reply.Body!;

    public static T Expect<T>(ApiOutcome<T> outcome) =>
        outcome.IsSuccess ? outcome.Value : throw new GatewayRefusal($"[{outcome.Error.Code}] {outcome.Error.Detail}");
}
