using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Yibao.Application;
using Yibao.Application.Federation;
using Yibao.Storage;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao federation key|rotate|peer|peers|reconcile</c>: a node's or the hub's signing key, its
/// rotation, the peers it trusts (at the hub: the directory of nodes and their areas), and the
/// insured node's reconciler run by hand.
/// </summary>
internal static class FederationCommands
{
    public static Command Create() => new("federation", "Federation of nodes and the hub: keys, peers, reconciliation") { Key(), Rotate(), Peer(), Peers(), Reconcile() };

    private static Command Key()
    {
        var command = new Command("key", "Print this process's public key (created on first use), for its peers to register");
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var key = await cli.Db.InTransactionAsync(cli.Use<WriteGate>(), () => cli.Use<InitFederationKeyHandler>().HandleAsync(new InitFederationKey(), ct), ct);
            return await CliConsole.ReportAsync(parse, key, k => k.PublicKey);
        });
        return command;
    }

    private static Command Rotate()
    {
        var command = new Command("rotate", "Make a new signing key and give it to the peers (signed with the current one), then retire the current one");
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var key = await cli.Use<RotateFederationKeyHandler>().HandleAsync(new RotateFederationKey(), ct);
            return await CliConsole.ReportAsync(parse, key, k => $"Key {k.KeyId} signs from now on: {k.PublicKey}");
        });
        return command;
    }

    private static Command Peer()
    {
        var id = new Argument<string>("id") { Description = "The peer's id: a node's, or hub" };
        var url = new Option<string>("--url") { Description = "Its base address, e.g. http://10.0.0.5:5000", Required = true };
        var areas = new Option<string>("--areas") { Description = "The areas a node serves, comma-separated (none for the hub)", DefaultValueFactory = _ => "" };
        var key = new Option<string>("--key") { Description = "Its public key, as its `yibao federation key` printed it", Required = true };
        var command = new Command("peer", "Register or update a peer: at the hub, a node of the directory; at a node, the hub") { id, url, areas, key };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var served = parse.GetValue(areas)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var peer = await cli.Db.InTransactionAsync(cli.Use<WriteGate>(),
                () => cli.Use<AddFederationPeerHandler>().HandleAsync(new AddFederationPeer(parse.GetValue(id)!, parse.GetValue(url)!, served, parse.GetValue(key)!), ct), ct);
            return await CliConsole.ReportAsync(parse, peer, p => $"Peer {p.PeerId} at {p.BaseUrl}{(p.Areas.Count > 0 ? " serves " + string.Join(", ", p.Areas) : "")}.");
        });
        return command;
    }

    private static Command Peers()
    {
        var command = new Command("peers", "List the peers this process trusts");
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var table = new Table().AddColumns("peer", "address", "areas", "key", "rotated");
            foreach (var p in await cli.Use<ListFederationPeersHandler>().HandleAsync(new ListFederationPeers(), ct))
            {
                table.AddRow(p.PeerId, p.BaseUrl, string.Join(", ", p.Areas), p.PublicKey[..16] + "…", p.RotatedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-");
            }

            CliConsole.Create(parse.InvocationConfiguration.Output).Write(table);
            return 0;
        });
        return command;
    }

    private static Command Reconcile()
    {
        var all = new Option<bool>("--all") { Description = "Resolve every applied entry now, however recent" };
        var command = new Command("reconcile", "Resolve the entries applied for treatment nodes by their decisions (as the node does every few seconds)") { all };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var report = await cli.Use<ReconcileFederationEntriesHandler>().HandleAsync(new ReconcileFederationEntries(All: parse.GetValue(all)), ct);
            return await CliConsole.ReportAsync(parse, report, r => $"{r.Asked} entries asked about: {r.Committed} kept, {r.Aborted} undone, {r.Unanswered} left for later.");
        });
        return command;
    }
}
