using System.Text;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Reference;
using Yibao.Testing;

namespace Yibao.Application.Tests.Reference;

public sealed class CatalogueImportTests
{
    private const string Csv = "code,name,kind,class,selfpay_prop,price_cap\nXC08CAA001A001,Amlodipine,drug,A,0,\nXN02BEA001A001,Paracetamol,drug,B,0.1,2.5\nBAD001,Broken,drug,D,0,\n";

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task StartCatalogueImportThenRunCatalogueImportAndGetCatalogueImport_SkippingBadRecords_PublishesTheGoodOnes(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var id = (await app.CommitAsync(s => s.Use<StartCatalogueImportHandler>().HandleAsync(new StartCatalogueImport("330100", "catalogue.csv", Encoding.UTF8.GetBytes(Csv), SkipBad: true, "test"), default))).Ok();
        var queued = (await app.ReadAsync(s => s.Use<GetCatalogueImportHandler>().HandleAsync(new GetCatalogueImport(id), default))).Ok();

        var version = (await app.ReadAsync(s => s.Use<RunCatalogueImportHandler>().HandleAsync(new RunCatalogueImport(id), default))).Ok();
        var done = (await app.ReadAsync(s => s.Use<GetCatalogueImportHandler>().HandleAsync(new GetCatalogueImport(id), default))).Ok();
        var entries = await app.ReadAsync(s => s.Db.CatalogueVersions.Where(v => v.Area == "330100" && v.Version == version).Select(v => v.Entries.Count).SingleAsync());

        Assert.Equal(("queued", 0.0), (queued.Status, queued.Fraction));
        Assert.Equal(2, version);
        Assert.Equal(("done", 3, 1, 2, 1.0), (done.Status, done.Records, done.BadRecords, done.Version!.Value, done.Fraction));
        Assert.StartsWith("line 4:", done.Problems, StringComparison.Ordinal);
        Assert.Equal(2, entries);
        Assert.Null(await app.ReadAsync(s => s.Db.CatalogueImports.Where(i => i.Id == id).Select(i => i.Content).SingleAsync()));
        Assert.Equal("catalogue_import_not_found", (await app.ReadAsync(s => s.Use<RunCatalogueImportHandler>().HandleAsync(new RunCatalogueImport(id), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task RunCatalogueImport_ABadRecordNotSkipped_ImportsNothingAndSaysWhy(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var id = (await app.CommitAsync(s => s.Use<StartCatalogueImportHandler>().HandleAsync(new StartCatalogueImport("330100", "catalogue.csv", Encoding.UTF8.GetBytes(Csv), SkipBad: false, "test"), default))).Ok();

        var refused = await app.ReadAsync(s => s.Use<RunCatalogueImportHandler>().HandleAsync(new RunCatalogueImport(id), default));
        var failed = (await app.ReadAsync(s => s.Use<GetCatalogueImportHandler>().HandleAsync(new GetCatalogueImport(id), default))).Ok();

        Assert.Equal("import_rejected", refused.Refusal());
        Assert.Equal(("failed", (int?)null), (failed.Status, failed.Version));
        Assert.Contains("line 4:", failed.Problems, StringComparison.Ordinal);
        Assert.Equal(1, await app.ReadAsync(s => s.Db.CatalogueVersions.CountAsync(v => v.Area == "330100")));
        Assert.Equal("unknown_area", (await app.CommitAsync(s => s.Use<StartCatalogueImportHandler>().HandleAsync(new StartCatalogueImport("999999", "c.csv", Encoding.UTF8.GetBytes(Csv), false, "test"), default))).Refusal());
        Assert.Equal("malformed_document", (await app.CommitAsync(s => s.Use<StartCatalogueImportHandler>().HandleAsync(new StartCatalogueImport("330100", "c.txt", Encoding.UTF8.GetBytes(Csv), false, "test"), default))).Refusal());
    }
}
