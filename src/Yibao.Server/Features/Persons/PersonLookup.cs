using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Server.Features.Persons;

/// <summary>Looks a person up by <c>psn_no</c> or ID number (<c>certno</c>), as institutions do before a visit (1101).</summary>
internal static class PersonLookup
{
    public static IEndpointRouteBuilder MapPersonEndpoints(this IEndpointRouteBuilder app)
    {
        var persons = app.MapGroup("/api/persons").WithTags("Persons");
        persons.MapGet("/{psnNo}", (string psnNo, YibaoDbContext db, AgencyCalendar calendar, CancellationToken ct) => GetAsync(psnNo, null, db, calendar, ct))
            .WithName("GetPerson").WithSummary("Person info, account balance and this year's accumulators, by psn_no")
            .Produces<PersonResponse>().ProducesProblem(404);
        persons.MapGet("/", (string? certno, YibaoDbContext db, AgencyCalendar calendar, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(certno)
                    ? Task.FromResult(ApiError.Validation("Query by ?certno=ID number, or GET /api/persons/{psn_no}.").ToResult())
                    : GetAsync(null, certno, db, calendar, ct))
            .WithName("FindPerson").WithSummary("Person info by ID number (certno)")
            .Produces<PersonResponse>().ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    public static Task<PersonRow?> FindAsync(YibaoDbContext db, string? psnNo, string? certno, CancellationToken ct) =>
        db.Persons.AsNoTracking().Include(p => p.Chronic).Include(p => p.Filings)
            .FirstOrDefaultAsync(p => !string.IsNullOrWhiteSpace(psnNo) ? p.PsnNo == psnNo : p.Certno == certno, ct);

    public static ApiError NotFound(string key) => ApiError.NotFound("person_not_found", $"No insured person {key}.");

    private static async Task<IResult> GetAsync(string? psnNo, string? certno, YibaoDbContext db, AgencyCalendar calendar, CancellationToken ct)
    {
        var row = await FindAsync(db, psnNo, certno, ct);
        if (row is null)
        {
            return NotFound(psnNo ?? certno!).ToResult();
        }

        var year = calendar.Today.Year;
        var balance = await db.PersonalAccounts.Where(a => a.PsnNo == row.PsnNo).Select(a => a.Balance).FirstAsync(ct);
        var accumulators = (await db.Accumulators.AsNoTracking().Where(a => a.PsnNo == row.PsnNo && a.Year == year).ToListAsync(ct)).ToAccumulatorSet();
        var person = row.ToDomain(balance);
        return Results.Ok(new PersonResponse(
            person.PsnNo,
            person.Name,
            person.Gender,
            person.Birthday,
            person.Certno,
            person.Insutype,
            person.Area,
            person.Retired,
            Insutype.HasPersonalAccount(person.Insutype) ? balance : 0m,
            person.Chronic.Select(c => new ChronicResponse(c.Disease, c.Name, c.From)).ToList(),
            person.Filings.Select(f => new FilingResponse(f.Type.ToName(), f.Reason, f.ToArea, f.From, f.To)).ToList(),
            year,
            BenefitKinds.All.ToDictionary(k => k.ToName(), k => new AccumulatorResponse(accumulators[k].DeductiblePaid, accumulators[k].FundPaid))));
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
