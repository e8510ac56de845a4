using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

public sealed class ImportCommandTests
{
    [Fact]
    public async Task ImportPersons_CsvFile_ImportsAndABadFileImportsNothingButNamesItsLines()
    {
        var database = TestRun.File("import", ".db");
        var connection = $"Data Source={database}";
        Assert.Equal(0, (await InProcess.RunAsync("seed", "-c", connection)).Exit);
        var good = TestRun.File("persons", ".csv");
        await File.WriteAllTextAsync(good, "psn_no,name,gender,birthday,certno,insutype,area,retired,account_balance\n"
            + "C000000000000001,One,1,1980-01-01,C1X,310,330100,false,100\nC000000000000002,Two,2,1981-02-02,C2X,390,330100,true,0\n");
        var bad = TestRun.File("persons", ".csv");
        await File.WriteAllTextAsync(bad, "psn_no,name,gender,birthday,certno,insutype,area,retired,account_balance\n"
            + "C000000000000003,Three,1,1980-01-01,C3X,310,330100,false,100\nC000000000000004,Four,1,not-a-date,C4X,310,330100,false,0\n");

        var imported = await InProcess.RunAsync("import", "persons", good, "-c", connection);
        var refused = await InProcess.RunAsync("import", "persons", bad, "-c", connection);
        var missing = await InProcess.RunAsync("import", "persons", "/no/such/persons.csv", "-c", connection);

        Assert.Equal(0, imported.Exit);
        Assert.Contains("Imported 2 persons", imported.Output, StringComparison.Ordinal);
        Assert.True(refused.Exit == 1, refused.Error);
        Assert.Contains("import_rejected", refused.Error, StringComparison.Ordinal);
        Assert.Contains("line 3", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.Exit);
        await using var db = StorageOptions.FromConnectionString(connection).CreateContext();
        Assert.Equal(2, await db.Persons.CountAsync(p => p.PsnNo.StartsWith("C0")));
    }

    [Fact]
    public async Task ImportCatalogueAndInstitutions_CsvFiles_PublishAndLoadAndABadRecordImportsNothing()
    {
        var connection = $"Data Source={TestRun.File("import", ".db")}";
        Assert.Equal(0, (await InProcess.RunAsync("seed", "-c", connection)).Exit);
        var catalogue = TestRun.File("catalogue", ".csv");
        await File.WriteAllTextAsync(catalogue, "code,name,kind,class,selfpay_prop,price_cap\nXC1,Aspirin,drug,A,,\nXC2,\"Dressing, large\",material,B,0.1,30\n");
        var badInstitutions = TestRun.File("institutions", ".csv");
        await File.WriteAllTextAsync(badInstitutions, "fixmedins_code,name,area,kind,level,relies_on\nH33019999999,New,330100,physical,2,\nH33019999998,Net,330100,internet,2,\n");
        var goodInstitutions = TestRun.File("institutions", ".csv");
        await File.WriteAllTextAsync(goodInstitutions, "fixmedins_code,name,area,kind,level,relies_on\nH33019999999,New,330100,physical,2,\nH33019999998,Net,330100,internet,2,H33019999999\n");

        var published = await InProcess.RunAsync("import", "catalogue", "--area", "330100", catalogue, "-c", connection);
        var refused = await InProcess.RunAsync("import", "institutions", badInstitutions, "-c", connection);
        var loaded = await InProcess.RunAsync("import", "institutions", goodInstitutions, "-c", connection);

        Assert.Equal(0, published.Exit);
        Assert.Contains("(2 entries)", published.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("line 3: reliesOn", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, loaded.Exit);
        await using var db = StorageOptions.FromConnectionString(connection).CreateContext();
        var latest = await db.CatalogueVersions.Where(v => v.Area == "330100").OrderByDescending(v => v.Version).Select(v => v.Entries.Select(e => e.Name).ToList()).FirstAsync();
        Assert.Contains("Dressing, large", latest);
        Assert.Equal("H33019999999", await db.Institutions.Where(i => i.FixmedinsCode == "H33019999998").Select(i => i.ReliesOn).SingleAsync());
    }
}
