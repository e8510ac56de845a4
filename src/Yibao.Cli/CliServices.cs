using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yibao.Application;
using Yibao.Storage;

namespace Yibao.Cli;

/// <summary>
/// The use cases as the CLI reaches them: the same handlers the server composes, over the database
/// the connection names (or <c>$YIBAO_CONNECTION</c>, else <c>data/yibao.db</c>), migrated first.
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

    public StorageOptions Storage => _scope.ServiceProvider.GetRequiredService<StorageOptions>();

    public YibaoDbContext Db => _scope.ServiceProvider.GetRequiredService<YibaoDbContext>();

    /// <summary>A use case's handler.</summary>
    public T Use<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public static async Task<CliServices> OpenAsync(string? connection, CancellationToken ct)
    {
        var storage = StorageOptions.FromConnectionString(connection ?? Environment.GetEnvironmentVariable("YIBAO_CONNECTION"));
        storage.EnsureDirectory();
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new YibaoOptions { CredentialKey = Environment.GetEnvironmentVariable("Yibao__CredentialKey") ?? "" }));
        services.AddLogging();
        services.AddYibaoStorage(_ => storage);
        services.AddYibaoApplication();
        var opened = new CliServices(services.BuildServiceProvider());
        await opened.Db.MigrateAsync(ct);
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
    }
}
