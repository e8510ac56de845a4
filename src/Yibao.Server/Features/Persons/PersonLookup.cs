using Yibao.Application.Persons;
using Yibao.Domain.Codes;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Persons;

/// <summary>Looks a person up by <c>psn_no</c> or ID number (<c>certno</c>), as institutions do before a visit (1101).</summary>
internal static class PersonLookup
{
    public static IEndpointRouteBuilder MapPersonEndpoints(this IEndpointRouteBuilder app)
    {
        var persons = app.MapGroup("/api/persons").WithTags("Persons").RequireInstitution();
        persons.MapGet("/{psnNo}", (string psnNo, FindPersonHandler find, CancellationToken ct) => GetAsync(new FindPerson(psnNo, null), find, ct))
            .WithName("GetPerson").WithSummary("Person info, account balance and this year's accumulators, by psn_no")
            .Produces<PersonResponse>().ProducesProblem(404);
        persons.MapGet("/", (string? certno, FindPersonHandler find, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(certno)
                    ? Task.FromResult(HttpErrors.ValidationFailed.With("Query by ?certno=ID number, or GET /api/persons/{psn_no}.").ToResult())
                    : GetAsync(new FindPerson(null, certno), find, ct))
            .WithName("FindPerson").WithSummary("Person info by ID number (certno)")
            .Produces<PersonResponse>().ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> GetAsync(FindPerson command, FindPersonHandler find, CancellationToken ct)
    {
        var found = await find.HandleAsync(command, ct);
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
