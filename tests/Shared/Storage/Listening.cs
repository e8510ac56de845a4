using Microsoft.Extensions.Logging.Abstractions;
using Yibao.Storage;

namespace Yibao.Testing;

/// <summary>A process's signals listening on PostgreSQL, as a server's are, until disposed (which a test may do early, to go deaf).</summary>
public sealed class Listening : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _listening;

    private Listening()
    {
    }

    /// <summary>Starts listening with <paramref name="storage"/>'s signals, and waits until they listen.</summary>
    public static async Task<Listening> StartAsync(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var listening = new Listening();
        listening._listening = storage.Signals.ListenAsync(storage.ConnectionString, NullLogger.Instance, listening._stop.Token);
        await Eventually.UntilAsync(() => storage.Signals.Listening, "listening");
        return listening;
    }

    public async ValueTask DisposeAsync()
    {
        if (_listening is { } listening)
        {
            _listening = null;
            await _stop.CancelAsync();
            await listening;
            _stop.Dispose();
        }
    }
}
