using System.Globalization;
using Yibao.Bench.Floor;

// The floor a .NET server stands on for pgbench's settlement flow, measured beside pgbench and
// Yibao by bench/http/measure.sh (FLOW is sql for raw Npgsql, ef for EF Core):
//   floor direct FLOW CONNECTION CLIENTS SECONDS WARMUP   the flow from .NET, no HTTP, after WARMUP seconds of it
//   floor serve FLOW CONNECTION URL                       the flow behind three JSON requests
//   floor drive URL CLIENTS SECONDS                       drive the server
switch (args)
{
    case ["direct", "sql" or "ef", var connection, var clients, var seconds, var warmup]:
        // In one process: a fresh one runs unoptimized code for its first tens of seconds on this machine.
        var direct = FloorLoad.Direct(FloorFlows.Create(connection, args[1] == "ef"));
        _ = await FloorLoad.DriveAsync(Number(clients), TimeSpan.FromSeconds(Number(warmup)), direct);
        Console.WriteLine(await FloorLoad.DriveAsync(Number(clients), TimeSpan.FromSeconds(Number(seconds)), direct));
        break;
    case ["serve", "sql" or "ef", var connection, var url]:
        await FloorServer.RunAsync(connection, url, args[1] == "ef");
        break;
    case ["drive", var url, var clients, var seconds]:
        using (var http = new HttpClient { BaseAddress = new Uri(url) })
        {
            Console.WriteLine(await FloorLoad.DriveAsync(Number(clients), TimeSpan.FromSeconds(Number(seconds)), FloorLoad.Http(http)));
        }

        break;
    default:
        Console.Error.WriteLine("usage: floor direct sql|ef CONNECTION CLIENTS SECONDS WARMUP | floor serve sql|ef CONNECTION URL | floor drive URL CLIENTS SECONDS");
        return 2;
}

return 0;

static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
