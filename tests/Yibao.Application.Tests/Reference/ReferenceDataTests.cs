using Microsoft.EntityFrameworkCore;
using Yibao.Application.Designation;
using Yibao.Application.Reference;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Storage.Reference;
using Yibao.Testing;
using static Yibao.Application.Tests.Claims;

namespace Yibao.Application.Tests.Reference;

/// <summary>Reference data from memory, invalidated by the revision that every reference write bumps.</summary>
public sealed class ReferenceDataTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ReferenceData_AfterSeeding_AnswersThePolicyCatalogueAndInstitution(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using var scope = app.Scope();
        var reference = scope.Use<ReferenceData>();

        var policy = await reference.PolicyAsync("330100", "310", 2026, default);
        var catalogue = await reference.CurrentCatalogueAsync("110100", default);
        var internet = await reference.InstitutionAsync(InternetHospital, default);

        Assert.Equal(0.95m, policy!.Policy.MaxRatio);
        Assert.Equal(0.6m, policy.Policy.BenefitFor(BenefitKind.Outpatient).Ratio[3]);
        Assert.Equal(72.0m, catalogue!.Catalogue.Find("XA10AEI032B001")!.PriceCap);
        Assert.Equal((Hospital, 3), (internet!.Row.ReliesOn, internet.PhysicalLevel));
        Assert.Null(await reference.PolicyAsync("330100", "310", 2025, default));
        Assert.Null(await reference.InstitutionAsync("NOPE", default));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ReferenceData_AReferenceWriteElsewhere_IsSeenByTheNextUnitOfWork(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using (var first = app.Scope())
        {
            Assert.Equal(AgreementStatus.Active, (await first.Use<ReferenceData>().InstitutionAsync(Hospital, default))!.Status);
            Assert.Equal(1, (await first.Use<ReferenceData>().CurrentCatalogueAsync("330100", default))!.Version);
        }

        // Another process (the CLI, a second server) writes straight to the database.
        await using (var other = app.Storage.CreateContext())
        {
            (await other.Institutions.SingleAsync(i => i.FixmedinsCode == Hospital)).AgreementStatus = "suspended";
            var version = new Storage.Entities.CatalogueVersionRow { Area = "330100", Version = 2, LoadedAt = DateTimeOffset.UtcNow };
            version.Entries.Add(new CatalogueEntry("ONLY001", "Only entry", ItemKind.Drug, CatalogueClass.A, 0m, null).ToRow(0));
            other.CatalogueVersions.Add(version);
            await other.SaveChangesAsync();
        }

        await using var next = app.Scope();
        var reference = next.Use<ReferenceData>();
        Assert.Equal(AgreementStatus.Suspended, (await reference.InstitutionAsync(Hospital, default))!.Status);
        Assert.Equal(AgreementStatus.Suspended, (await reference.InstitutionAsync(InternetHospital, default))!.PhysicalStatus);
        var catalogue = (await reference.CurrentCatalogueAsync("330100", default))!;
        Assert.Equal(2, catalogue.Version);
        Assert.NotNull(catalogue.Catalogue.Find("ONLY001"));
        Assert.Equal("institution_suspended", (await app.CommitAsync(s => s.Use<Application.Visits.RegisterVisitHandler>().HandleAsync(new Application.Visits.RegisterVisit(ZhangWei, null, Hospital, "11"), default))).Refusal());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task SaveChanges_ReferenceOrOtherRows_BumpsTheRevisionOnlyForReference(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        async Task<long> RevisionAsync() => await app.ReadAsync(s => s.Db.ReferenceRevisions.Select(r => r.Revision).SingleAsync());
        var start = await RevisionAsync();

        await app.SettleAsync(await app.OpenVisitAsync());
        var afterClaims = await RevisionAsync();
        (await app.CommitAsync(s => s.Use<SetAgreementStatusHandler>().HandleAsync(new SetAgreementStatus(Community, AgreementStatus.Suspended, "test", "test"), default))).Ok();

        Assert.Equal(start, afterClaims);
        Assert.Equal(start + 1, await RevisionAsync());
    }

    /// <summary>
    /// While the process listens, a unit of work trusts the snapshot it has and reads no revision:
    /// a change slipped in with the announcement switched off is not seen. The next announced move
    /// is heard, and the unit of work after it reads the change; once deaf, each unit of work reads
    /// the revision again.
    /// </summary>
    [Fact]
    public async Task ReferenceData_WhileListening_TrustsItsSnapshotUntilAMoveIsHeard()
    {
        await using var app = await TestApplication.CreateAsync("postgres");
        var signal = app.Storage.Signals;
        await using var listening = await Listening.StartAsync(app.Storage);
        Assert.Equal(AgreementStatus.Active, await StatusAsync(app));

        await SetStatusUnannouncedAsync(app, "suspended");
        var unannounced = await StatusAsync(app);

        var heard = signal.ReferenceMoves;
        await using (var db = app.Storage.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE reference_revisions SET revision = revision + 1");
        }

        await Eventually.UntilAsync(() => signal.ReferenceMoves > heard, "the move heard");
        var announced = await StatusAsync(app);

        await listening.DisposeAsync();
        await SetStatusUnannouncedAsync(app, "active");
        var deaf = await StatusAsync(app);

        Assert.Equal(AgreementStatus.Active, unannounced);
        Assert.Equal(AgreementStatus.Suspended, announced);
        Assert.Equal(AgreementStatus.Active, deaf);
    }

    private static async Task<AgreementStatus> StatusAsync(TestApplication app)
    {
        await using var scope = app.Scope();
        return (await scope.Use<ReferenceData>().InstitutionAsync(Hospital, default))!.Status;
    }

    /// <summary>Changes an institution and the revision with the trigger that announces moves switched off.</summary>
    private static async Task SetStatusUnannouncedAsync(TestApplication app, string status)
    {
        await using var db = app.Storage.CreateContext();
        await db.Database.ExecuteSqlAsync($"""
            ALTER TABLE reference_revisions DISABLE TRIGGER reference_revision_moved;
            UPDATE institutions SET agreement_status = {status} WHERE fixmedins_code = {Hospital};
            UPDATE reference_revisions SET revision = revision + 1;
            ALTER TABLE reference_revisions ENABLE TRIGGER reference_revision_moved;
            """);
    }
}
