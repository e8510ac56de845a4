using System.Data.Common;
using System.Text;
using Npgsql;

namespace Yibao.Application;

/// <summary>
/// The strings of one column of a streamed read that repeats a few values over millions of rows
/// (item codes, institutions, areas): the column's UTF-8 bytes are looked up in a small table before
/// any string is made, so that the read neither decodes nor allocates the same value again.
/// </summary>
/// <remarks>
/// A slot holds the last value whose bytes hashed to it, so a column with more values than slots stays
/// correct and costs a decode on a miss, as <see cref="DbDataReader.GetString"/> would. Only Npgsql's
/// reader hands out a text column's bytes here: Microsoft.Data.Sqlite's <c>GetBytes</c> on a text value
/// that no table column holds (a literal) crashed the process, so SQLite's reads take <c>GetString</c>.
/// </remarks>
internal sealed class RepeatedStrings
{
    private const int Slots = 1024;
    private readonly (byte[] Bytes, string Value)?[] _slots = new (byte[], string)?[Slots];
    private readonly byte[] _buffer = new byte[128];

    /// <summary>The column's value; read as a plain string when it is longer than any value worth keeping.</summary>
    public string Get(DbDataReader reader, int ordinal)
    {
        var length = ReadBytes(reader, ordinal, _buffer);
        if (length < 0)
        {
            return reader.GetString(ordinal);
        }

        var bytes = _buffer.AsSpan(0, length);
        var hash = new HashCode();
        hash.AddBytes(bytes);
        ref var slot = ref _slots[hash.ToHashCode() & (Slots - 1)];
        if (slot is { } kept && bytes.SequenceEqual(kept.Bytes))
        {
            return kept.Value;
        }

        var value = Encoding.UTF8.GetString(bytes);
        slot = (bytes.ToArray(), value);
        return value;
    }

    /// <summary>
    /// The column's UTF-8 bytes into <paramref name="buffer"/>, and their length; -1 when the reader is
    /// not PostgreSQL's or the value may not fit, and the caller reads a string instead.
    /// </summary>
    public static int ReadBytes(DbDataReader reader, int ordinal, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(buffer);
        if (reader is not NpgsqlDataReader)
        {
            return -1;
        }

        var length = (int)reader.GetBytes(ordinal, 0, buffer, 0, buffer.Length);
        return length == buffer.Length ? -1 : length;
    }
}
