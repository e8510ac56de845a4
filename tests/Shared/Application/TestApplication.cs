using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yibao.Application;
using Yibao.Storage;

namespace Yibao.Testing;

/// <summary>
/// The use cases over a real database (SQLite or PostgreSQL), composed as the server composes them,
/// for handler-level tests. Each <see cref="Scope"/> is one unit of work, like one request.
/// </summary>
public sealed class TestApplication : IAsyncDisposable
{
    private readonly ServiceProvider _root;

    private TestApplication(ServiceProvider root, StorageOptions storage)
    {
        _root = root;
        Storage = storage;
    }

    public StorageOptions Storage { get; }

    public IServiceProvider Services => _root;

    /// <param name="clock">The platform's clock (default: the system's).</param>
    /// <param name="configure">More services: ports' implementations, replaced checks.</param>
    /// <param name="options">Settings beyond the defaults (a federation role, say).</param>
    public static async Task<TestApplication> CreateAsync(string provider, TimeProvider? clock = null, Action<IServiceCollection>? configure = null, bool seed = true, Action<YibaoOptions>? options = null)
    {
        var storage = await StorageProviders.CreateAsync(provider);
        var services = new ServiceCollection();
        services.AddSingleton(clock ?? TimeProvider.System);
        var settings = new YibaoOptions { CredentialKey = TestKeys.Base64Key };
        options?.Invoke(settings);
        services.AddSingleton(Options.Create(settings));
        services.AddLogging();
        services.AddSingleton(TestKeys.Protector);
        services.AddYibaoStorage(_ => storage);
        services.AddYibaoApplication();

        // The ports' built-in implementations, as the server registers them.
        services.AddSingleton<Application.ECertificates.QrCodes>();
        services.AddSingleton<Application.ECertificates.IFaceVerifier, Application.ECertificates.DemoFaceVerifier>();
        services.AddScoped<Application.ECertificates.IPersonSignIn, Application.ECertificates.DemoPersonSignIn>();
        services.AddSingleton<Application.Payments.IPaymentProvider, Application.Payments.SimulatedPaymentProvider>();
        configure?.Invoke(services);
        var app = new TestApplication(services.BuildServiceProvider(), storage);
        if (seed)
        {
            await using var scope = app.Scope();
            var seeded = await scope.Use<Application.Reference.SeedDemoWorldHandler>().HandleAsync(new Application.Reference.SeedDemoWorld(), default);
            if (!seeded.IsSuccess)
            {
                throw new InvalidOperationException($"the demo world did not load: {seeded.Error}");
            }
        }

        return app;
    }

    /// <summary>One unit of work: its own context and handlers.</summary>
    public TestScope Scope() => new(_root.CreateAsyncScope());

    public ValueTask DisposeAsync() => _root.DisposeAsync();
}

/// <summary>A unit of work's handlers and database context.</summary>
public sealed class TestScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public YibaoDbContext Db => scope.ServiceProvider.GetRequiredService<YibaoDbContext>();

    public T Use<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>Running use cases as a door runs them: each in its own unit of work, committed when it succeeds.</summary>
public static class TestUnitOfWork
{
    /// <summary>Runs <paramref name="work"/> in a fresh scope and one transaction; a success commits, a refusal rolls back.</summary>
    public static async Task<Domain.Result<T>> CommitAsync<T>(this TestApplication app, Func<TestScope, Task<Domain.Result<T>>> work)
    {
        await using var scope = app.Scope();
        var outcome = await scope.Db.InTransactionAsync(scope.Use<WriteGate>(), () => work(scope), default);
        if (!outcome.IsSuccess)
        {
            // As the doors do: what a refusal must leave on record is saved after the rollback.
            using var entered = await scope.Use<WriteGate>().EnterAsync(scope.Db, default);
            await scope.Use<RefusalRecords>().FlushAsync(scope.Db, default);
        }

        return outcome;
    }

    /// <summary>Reads in a fresh scope.</summary>
    public static async Task<T> ReadAsync<T>(this TestApplication app, Func<TestScope, Task<T>> read)
    {
        await using var scope = app.Scope();
        return await read(scope);
    }
}
