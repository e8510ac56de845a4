using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Yibao.Testing;

/// <summary>
/// A real PostgreSQL server for tests. With <c>YIBAO_TEST_POSTGRES</c> (a connection string to a
/// server whose user may create databases) it uses that server; otherwise it starts a throwaway
/// cluster from the machine's PostgreSQL binaries on a free port of 127.0.0.1, once per test process,
/// stopped and removed as soon as that process ends (<see cref="TestRun.WhenGone"/>). If neither works the tests fail, loudly: they are never skipped.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await Server.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 120 }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable("YIBAO_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL tests need a server: install PostgreSQL (apt-get install -y postgresql) or set YIBAO_TEST_POSTGRES.");
        }

        await ReapStaleClustersAsync(bin);
        var directory = Directory.CreateTempSubdirectory(ClusterPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var data = Path.Combine(directory, "data");
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // PostgreSQL refuses to run as root: the throwaway cluster belongs to the postgres user.
            await RunAsync("chown", $"postgres {directory}");
        }

        await RunAsync(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --no-sync", asRoot);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            $"-D {data} -l {directory}/server.log -w -t 60 -o \"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start",
            asRoot);

        // Stopped and removed once this process is gone, however it ends (a killed test host runs no exit hook).
        var stop = $"{Path.Combine(bin, "pg_ctl")} -D {data} -m immediate stop";
        TestRun.WhenGone($"{(asRoot ? "runuser -u postgres -- " : "")}{stop} >/dev/null 2>&1; rm -rf '{directory}'");

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
    }

    private const string ClusterPrefix = "yibao-pg-";
    private const string OwnerFile = "owner.pid";

    /// <summary>
    /// Stops clusters left by earlier runs whose test process is gone: a test host that is killed
    /// rather than exiting never runs its exit hook, and its server would run on forever.
    /// </summary>
    private static async Task ReapStaleClustersAsync(string bin)
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            var owner = Path.Combine(stale, OwnerFile);
            string? ownerPid;
            try
            {
                ownerPid = File.Exists(owner) ? await File.ReadAllTextAsync(owner) : null;
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException or IOException)
            {
                continue; // removed meanwhile by its own watchdog
            }

            if (int.TryParse(ownerPid, out var pid) && IsAlive(pid))
            {
                continue;
            }

            if (File.Exists(Path.Combine(stale, "data", "postmaster.pid")))
            {
                try
                {
                    await RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {Path.Combine(stale, "data")} -m immediate stop", Environment.UserName == "root");
                }
                catch (InvalidOperationException)
                {
                    // Already stopped: nothing to do but remove the directory.
                }
            }

            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or IOException)
            {
                // Its own watchdog is removing it at this moment.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}
