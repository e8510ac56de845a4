using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application;
using Yibao.Storage;

namespace Yibao.Cli;

/// <summary>
/// The use cases as the CLI reaches them: the same handlers the server composes, over the database the
/// server's configuration names (<see cref="Installation"/>), or <c>--connection</c>. Every command says
/// which database it uses; only <c>migrate</c> and <c>seed</c> create or upgrade one.
/// </summary>
internal sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    private CliServices(ServiceProvider root)
    {
        _root = root;
        _scope = root.CreateAsyncScope();
    }

    /// <summary>On every command: the database, when it is not the installation's.</summary>
    public static Option<string?> ConnectionOption { get; } = new("--connection", "-c")
    {
        Description = "Connection string: Host=… for PostgreSQL, Data Source=FILE for SQLite. Default: the server's (ConnectionStrings__Yibao, $YIBAO_CONFIG), else yibao.db in the data directory",
        Recursive = true,
    };

    public StorageOptions Storage => _scope.ServiceProvider.GetRequiredService<StorageOptions>();

    public YibaoDbContext Db => _scope.ServiceProvider.GetRequiredService<YibaoDbContext>();

    /// <summary>A use case's handler.</summary>
    public T Use<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>The installation's configuration, as the server reads it, with <c>--connection</c> over it.</summary>
    public static IConfiguration Configuration(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var builder = new ConfigurationBuilder().AddInstallationSources();
        if (parse.GetValue(ConnectionOption) is { Length: > 0 } connection)
        {
            builder.AddInMemoryCollection([new("ConnectionStrings:Yibao", connection)]);
        }

        return builder.Build();
    }

    /// <param name="create">Create the database or bring its schema up to date (migrate, seed); otherwise it must exist, migrated.</param>
    public static async Task<CliServices> OpenAsync(ParseResult parse, CancellationToken ct, bool create = false)
    {
        IConfiguration configuration;
        StorageOptions storage;
        string database;
        try
        {
            configuration = Configuration(parse);
            storage = Installation.Storage(configuration);
            database = storage.Describe(); // parses the connection string
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidDataException or FileNotFoundException)
        {
            throw new CliFailure($"The configuration cannot be used: {ex.Message}");
        }

        await parse.InvocationConfiguration.Error.WriteLineAsync($"database: {database}");
        if (create)
        {
            storage.EnsureDirectory();
        }
        else if (storage.Provider == DatabaseProvider.Sqlite && !File.Exists(storage.SqliteFile))
        {
            throw new CliFailure($"There is no database at {storage.SqliteFile}. Start the server once or run `yibao migrate`, or name the database with --connection.");
        }

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.Configure<YibaoOptions>(configuration.GetSection("Yibao"));
        services.AddLogging();
        services.AddYibaoStorage(_ => storage);
        services.AddYibaoApplication();
        var opened = new CliServices(services.BuildServiceProvider());
        try
        {
            await opened.PrepareAsync(create, ct);
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }

        return opened;
    }

    private async Task PrepareAsync(bool create, CancellationToken ct)
    {
        try
        {
            _ = Use<CredentialProtector>();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new CliFailure($"Yibao:CredentialKey is not 32 bytes in base64: {ex.Message}");
        }

        if (create)
        {
            await Db.MigrateAsync(ct);
            return;
        }

        var pending = (await Db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new CliFailure($"The database's schema is not up to date ({pending.Count} migration(s) pending). Run `yibao migrate` first.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
    }
}

/// <summary>A command cannot run as configured (no database, unreachable server, bad setting): one line, exit code 2.</summary>
internal sealed class CliFailure(string message) : Exception(message);
