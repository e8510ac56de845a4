using Yibao.Client;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Application.Reference;
using Yibao.Storage.Reference;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>Demo institutions' gateway clients on a fresh server, and the engine's answer for comparison.</summary>
internal static class GatewayFixture
{
    public static GatewayClient Client(YibaoServer server, string fixmedinsCode, string area = "330100") =>
        new(server.CreateClient(), GatewayIdentity.Demo(fixmedinsCode, area), server.Clock);

    public static async Task<GatewayClient> SignedInAsync(YibaoServer server, string fixmedinsCode, string area = "330100")
    {
        var client = Client(server, fixmedinsCode, area);
        await client.SignInAsync();
        return client;
    }

    /// <summary>What the engine computes for a first claim of the year, from the demo data directly.</summary>
    public static SettlementResult Engine(string psnNo, string treatmentArea, int effectiveLevel, string medType, Domain.Codes.Channel channel, IReadOnlyList<FeeDetail> lines)
    {
        var person = WorldJson.ReadPersons(DemoWorld.Read("persons.json")).Value.Single(p => p.PsnNo == psnNo);
        var policy = PolicyJson.ReadMany(DemoWorld.Read("policies.json")).Value.Single(p => p.Area == person.Area && p.Insutype == person.Insutype && p.Year == 2026);
        var catalogue = new Catalogue(CatalogueJson.ReadEntries(DemoWorld.Read($"catalogue-{treatmentArea}.json")).Value);
        var filing = CrossRegionFilings.Resolve(person.Area, treatmentArea, DateOnly.FromDateTime(YibaoServer.Start.DateTime), person.Filings);
        var input = new SettlementInput(
            policy,
            catalogue,
            new InsuredPerson(person.Area, person.Insutype, person.Retired, person.AccountBalance, AccumulatorSet.Empty),
            new SettlingInstitution(treatmentArea, effectiveLevel, Domain.Codes.InstitutionKind.Physical),
            new Visit(medType, channel, Domain.Codes.VisitKind.FollowUp, true, filing),
            lines.Select(l => new FeeLine(l.Code, l.Price, l.Qty, l.Amount)).ToList());
        return SettlementEngine.Settle(input).Value;
    }
}
