using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

public sealed class ImportCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await YibaoCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ImportPersons_CsvFile_ImportsAndABadFileImportsNothingButNamesItsLines()
    {
        var database = TestRun.File("import", ".db");
        var connection = $"Data Source={database}";
        Assert.Equal(0, (await RunAsync("seed", "-c", connection)).Exit);
        var good = TestRun.File("persons", ".csv");
        await File.WriteAllTextAsync(good, "psn_no,name,gender,birthday,certno,insutype,area,retired,account_balance\n"
            + "C000000000000001,One,1,1980-01-01,C1X,310,330100,false,100\nC000000000000002,Two,2,1981-02-02,C2X,390,330100,true,0\n");
        var bad = TestRun.File("persons", ".csv");
        await File.WriteAllTextAsync(bad, "psn_no,name,gender,birthday,certno,insutype,area,retired,account_balance\n"
            + "C000000000000003,Three,1,1980-01-01,C3X,310,330100,false,100\nC000000000000004,Four,1,not-a-date,C4X,310,330100,false,0\n");

        var imported = await RunAsync("import", "persons", good, "-c", connection);
        var refused = await RunAsync("import", "persons", bad, "-c", connection);
        var missing = await RunAsync("import", "persons", "/no/such/persons.csv", "-c", connection);

        Assert.Equal(0, imported.Exit);
        Assert.Contains("Imported 2 persons", imported.Output, StringComparison.Ordinal);
        Assert.True(refused.Exit == 1, refused.Error);
        Assert.Contains("import_rejected", refused.Error, StringComparison.Ordinal);
        Assert.Contains("line 3", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.Exit);
        await using var db = StorageOptions.FromConnectionString(connection).CreateContext();
        Assert.Equal(2, await db.Persons.CountAsync(p => p.PsnNo.StartsWith("C0")));
    }
}
