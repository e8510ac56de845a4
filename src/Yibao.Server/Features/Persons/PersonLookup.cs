using Yibao.Application.Persons;
using Yibao.Domain.Codes;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Persons;

/// <summary>
/// Looks a person up as institutions do before a visit (1101): with a proof that the person is at
/// the institution — the ecToken of their e-certificate (01), or their ID number with their social
/// security card's serial (03). No listing, no search, no look-up by psn_no or ID number alone; each
/// read leaves an access record.
/// </summary>
internal static class PersonLookup
{
    public static IEndpointRouteBuilder MapPersonEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/persons/identification", IdentifyAsync).WithTags("Persons").RequireInstitution()
            .WithName("IdentifyPerson").WithSummary("Person info, account balance and this year's accumulators, for a person present: mdtrt_cert_type 01 (ecToken) or 03 (certno + card_sn)")
            .Produces<PersonResponse>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        return app;
    }

    private static async Task<IResult> IdentifyAsync(PersonIdentificationRequest? request, CallingInstitution calling, IdentifyPersonHandler identify, FindPersonHandler find, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.MdtrtCertType) || string.IsNullOrWhiteSpace(request.MdtrtCertNo))
        {
            return HttpErrors.ValidationFailed.With("mdtrt_cert_type and mdtrt_cert_no are required: 01 with the ecToken, or 03 with the ID number and card_sn.").ToResult();
        }

        var identified = await identify.HandleAsync(new IdentifyPerson(request.MdtrtCertType, request.MdtrtCertNo, request.CardSn, calling.Code, Lookup: true), ct);
        if (!identified.IsSuccess)
        {
            return ApiError.From(identified.Error).ToResult();
        }

        var found = await find.HandleAsync(new FindPerson(identified.Value.PsnNo, PersonReader.Institution(calling.Code, "native")), ct);
        if (!found.IsSuccess)
        {
            return ApiError.From(found.Error).ToResult();
        }

        var (person, ledger) = found.Value;
        return Results.Ok(new PersonResponse(
            person.PsnNo,
            person.Name,
            person.Gender,
            person.Birthday,
            person.Certno,
            person.Insutype,
            person.Area,
            person.Retired,
            Insutype.HasPersonalAccount(person.Insutype) ? ledger.Balance : 0m,
            person.Chronic.OrderBy(c => c.From).Select(c => new ChronicResponse(c.Disease, c.Name, c.From)).ToList(),
            person.Filings.OrderBy(f => f.From).Select(f => new FilingResponse(f.Type, f.Reason, f.ToArea, f.From, f.To)).ToList(),
            ledger.Year,
            BenefitKinds.All.ToDictionary(k => k.ToName(), k => new AccumulatorResponse(ledger.Accumulators[k].DeductiblePaid, ledger.Accumulators[k].FundPaid))));
    }
}

/// <param name="MdtrtCertType">01 e-certificate (ecToken), 03 social security card; 02 (an ID number alone) is refused.</param>
/// <param name="MdtrtCertNo">The ecToken (01) or the ID number (03).</param>
/// <param name="CardSn">The social security card's serial number, read from its chip (03).</param>
public sealed record PersonIdentificationRequest(string? MdtrtCertType, string? MdtrtCertNo, string? CardSn);

public sealed record ChronicResponse(string Disease, string Name, DateOnly From);

public sealed record FilingResponse(string Type, string Reason, string ToArea, DateOnly From, DateOnly? To);

public sealed record AccumulatorResponse(decimal DeductiblePaid, decimal FundPaid);

public sealed record PersonResponse(
    string PsnNo,
    string Name,
    string Gender,
    DateOnly Birthday,
    string Certno,
    string Insutype,
    string InsuplcAdmdvs,
    bool Retired,
    decimal Balc,
    IReadOnlyList<ChronicResponse> Chronic,
    IReadOnlyList<FilingResponse> Filings,
    int Year,
    IReadOnlyDictionary<string, AccumulatorResponse> Accumulators);
