using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Application.SignIns;

/// <summary>
/// The open sign-ins this process has read, trusted while it hears every sign-out
/// (<see cref="ChangeSignals"/>): on PostgreSQL a gateway request then reads its sign-in once, not
/// on every call. A sign-out anywhere, or a change in listening, forgets them all; the next request
/// of each session reads its own again. Sign-outs are a few a day per operator, calls many a minute.
/// </summary>
public sealed class OpenSignIns(ChangeSignals signals)
{
    /// <summary>Enough for every operator of a province at once; past it, nothing more is remembered until the next sign-out.</summary>
    private const int MaxRemembered = 200_000;

    private volatile Generation _generation = new(long.MinValue);

    /// <summary>The sign-ins read open while the count of sign-outs heard was <paramref name="SignOuts"/>.</summary>
    private sealed record Generation(long SignOuts)
    {
        public ConcurrentDictionary<(string Institution, string SignNo), bool> Open { get; } = new();
    }

    /// <summary>
    /// Whether the session is an open sign-in of the institution: known open with no sign-out heard
    /// since it was read, or read now. The count of sign-outs is taken before the read, so that a
    /// sign-out heard during it leaves what it read untrusted.
    /// </summary>
    public async Task<bool> IsOpenAsync(YibaoDbContext db, string institution, string signNo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var generation = _generation;
        if (signals.Listening && generation.SignOuts == signals.SignOuts && generation.Open.ContainsKey((institution, signNo)))
        {
            return true;
        }

        var counted = signals.SignOuts;
        if (!await db.GatewaySignIns.AnyAsync(s => s.SignNo == signNo && s.FixmedinsCode == institution && s.SignedOutAt == null, ct))
        {
            return false;
        }

        Remember(institution, signNo, counted);
        return true;
    }

    /// <summary>Remembers a session read open after <paramref name="counted"/> sign-outs were heard, unless another has been heard since.</summary>
    private void Remember(string institution, string signNo, long counted)
    {
        if (!signals.Listening || counted != signals.SignOuts)
        {
            return;
        }

        var generation = _generation;
        if (generation.SignOuts != counted)
        {
            generation = new Generation(counted);
            _generation = generation;
        }

        if (generation.Open.Count < MaxRemembered)
        {
            generation.Open.TryAdd((institution, signNo), true);
        }
    }
}
