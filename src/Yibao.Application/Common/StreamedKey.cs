using System.Data.Common;
using System.Text;

namespace Yibao.Application;

/// <summary>
/// A key column of a streamed read in key order (a visit's <c>mdtrt_id</c> on each of its lines): the
/// row's bytes are compared with the current key's, and a string is made only when the key changes.
/// On PostgreSQL; other readers compare strings (see <see cref="RepeatedStrings"/>).
/// </summary>
internal sealed class StreamedKey
{
    private readonly byte[] _buffer = new byte[128];

    /// <summary>The current key's bytes; null when it was read as a string.</summary>
    private byte[]? _current;

    /// <summary>The current key; null before the first row.</summary>
    public string? Value { get; private set; }

    /// <summary>Reads the row's key; true when it differs from the one before (or is the first).</summary>
    public bool Next(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var length = RepeatedStrings.ReadBytes(reader, ordinal, _buffer);
        if (length < 0)
        {
            // Not PostgreSQL, or longer than any key here: compared as a string.
            var text = reader.GetString(ordinal);
            var changed = text != Value;
            (Value, _current) = (text, null);
            return changed;
        }

        var bytes = _buffer.AsSpan(0, length);
        if (_current is not null && bytes.SequenceEqual(_current))
        {
            return false;
        }

        (_current, Value) = (bytes.ToArray(), Encoding.UTF8.GetString(bytes));
        return true;
    }
}
