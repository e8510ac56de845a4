using System.Text;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Testing;

namespace Yibao.Application.Tests.Reference;

/// <summary>Streamed person imports (binary COPY on PostgreSQL, one prepared insert on SQLite), on a real database of each provider.</summary>
public sealed class ImportPersonsTests
{
    private const string Header = "psn_no,name,gender,birthday,certno,insutype,area,retired,account_balance\n";

    private static async Task<Result<ImportReport>> ImportAsync(TestApplication app, string text, bool csv = true, bool skipBad = false)
    {
        await using var scope = app.Scope();
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await scope.Use<ImportPersonsHandler>().HandleAsync(new ImportPersons(PersonFiles.ReadAsync(stream, csv, default), ReplaceRegistrations: !csv, skipBad, "test"), default);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ImportPersons_CsvOfNewAndExisting_UpsertsPersonsAndKeepsExistingBalances(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var report = await ImportAsync(app, Header
            + "N000000000000001,New Person,2,1990-05-01,330106199005010022,310,330100,false,123.45\n"
            + "3301000000000001,\"Zhang Wei, renamed\",1,1968-03-14,330106196803140013,310,330100,false,1.00\n");

        Assert.Equal(2, report.Ok().Imported);
        Assert.Equal(0, report.Ok().Skipped);
        Assert.Equal(123.45m, await app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == "N000000000000001").Select(a => a.Balance).SingleAsync()));
        Assert.Equal(800m, await app.ReadAsync(s => s.Db.PersonalAccounts.Where(a => a.PsnNo == "3301000000000001").Select(a => a.Balance).SingleAsync()));
        var renamed = await app.ReadAsync(s => s.Db.Persons.Include(p => p.Chronic).SingleAsync(p => p.PsnNo == "3301000000000001"));
        Assert.Equal("Zhang Wei, renamed", renamed.Name);
        Assert.NotEmpty(renamed.Chronic); // CSV carries no registrations: they stay
        Assert.Equal(new DateOnly(1990, 5, 1), await app.ReadAsync(s => s.Db.Persons.Where(p => p.PsnNo == "N000000000000001").Select(p => p.Birthday).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ImportPersons_CsvWithEthnicity_StoresNatyAndRefusesACodeOutOfRule(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var header = Header.TrimEnd('\n') + ",naty\n";

        var report = await ImportAsync(app, header
            + "N000000000000001,New Person,2,1990-05-01,330106199005010022,310,330100,false,0,03\n"
            + "N000000000000002,Other Person,1,1991-05-01,330106199105010011,310,330100,false,0,\n");
        var refused = await ImportAsync(app, header + "N000000000000003,Third,1,1992-05-01,330106199205010011,310,330100,false,0,Han\n");

        Assert.Equal(2, report.Ok().Imported);
        var naty = await app.ReadAsync(s => s.Db.Persons.Where(p => p.PsnNo.StartsWith("N")).OrderBy(p => p.PsnNo).Select(p => p.Naty).ToListAsync());
        Assert.Equal(["03", null], naty);
        Assert.False(refused.IsSuccess);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ImportPersons_BadRecords_ImportNothingUnlessSkipBadThenReportTheirLines(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var file = Header
            + "N000000000000001,Good,1,1990-01-01,N1X,310,330100,false,10\n"
            + "N000000000000002,Bad date,1,1990-13-01,N2X,310,330100,false,10\n"
            + "N000000000000003,Unknown area,1,1990-01-01,N3X,310,990100,false,10\n"
            + "N000000000000001,Twice,1,1990-01-01,N4X,310,330100,false,10\n"
            + "N000000000000005,Someone else's ID,1,1990-01-01,330106196803140013,310,330100,false,10\n"
            + "N000000000000006,Too few fields\n";
        var before = await app.ReadAsync(s => s.Db.Persons.CountAsync());

        var rejected = await ImportAsync(app, file);
        var afterRejection = await app.ReadAsync(s => s.Db.Persons.CountAsync());
        var skipped = (await ImportAsync(app, file, skipBad: true)).Ok();

        Assert.Equal("import_rejected", rejected.Refusal());
        Assert.Contains("line 3:", rejected.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, afterRejection);
        Assert.Equal(1, skipped.Imported);
        Assert.Equal(5, skipped.Skipped);
        Assert.Equal([3L, 4L, 5L, 7L, 6L], skipped.Bad.Select(b => b.Line));
        Assert.Contains("appears twice", skipped.Bad[2].Error, StringComparison.Ordinal);
        Assert.Contains("belongs to another person", skipped.Bad[4].Error, StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.ReadAsync(s => s.Db.Persons.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ImportPersons_JsonWithRegistrations_ReplacesThePersonsOwn(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        var report = await ImportAsync(app, """
            [{"psn_no":"3301000000000001","name":"Zhang Wei","gender":"1","birthday":"1968-03-14","certno":"330106196803140013","insutype":"310","area":"330100",
              "chronic":[{"disease":"E11","name":"Type 2 diabetes","from":"2026-01-01"}],
              "filings":[{"type":"longTerm","reason":"retired","toArea":"110100","from":"2026-01-01"}]}]
            """, csv: false);

        Assert.Equal(1, report.Ok().Imported);
        var person = await app.ReadAsync(s => s.Db.Persons.Include(p => p.Chronic).Include(p => p.Filings).SingleAsync(p => p.PsnNo == "3301000000000001"));
        Assert.Equal(["E11"], person.Chronic.Select(c => c.Disease));
        Assert.Equal("110100", Assert.Single(person.Filings).ToArea);
    }
}
