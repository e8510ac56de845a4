using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Yibao.Application.Reference;

/// <summary>How a CSV column becomes a member of the JSON object the domain's reader checks.</summary>
public enum CsvValue
{
    Text,
    Number,
    Boolean,
}

/// <param name="Header">The column's name in the header row.</param>
/// <param name="Member">The member of the JSON record the domain reads.</param>
/// <param name="Optional">The column may be missing from the header, and a field may be empty.</param>
public sealed record CsvColumn(string Header, string Member, CsvValue Value = CsvValue.Text, bool Optional = false);

/// <summary>A file's records: those the domain's reader accepted, and those it refused, by line.</summary>
public sealed record FileRecords<T>(List<T> Good, List<BadRecord> Bad);

public sealed record BadRecord(long Line, string Message);

/// <summary>One record of a reference file, as the JSON element the domain's reader checks, or why its line cannot be read.</summary>
public sealed record FileRecord(long Line, JsonElement? Element, string? Error);

/// <summary>
/// Reference files, read as a stream, one record at a time, every format becoming the JSON element
/// the admin API's documents are made of, so that one reader checks every format:
/// <list type="bullet">
/// <item>CSV (UTF-8, a header row, comma-separated, double quotes around fields with commas or quotes);</item>
/// <item>JSON: an array of objects, the admin API's and the demo world's format; a record's "line" is its position in the array.</item>
/// </list>
/// </summary>
public static class ReferenceFiles
{
    /// <summary>.csv or .json, by the file's name.</summary>
    public static bool TryGetFormat(string path, out bool csv)
    {
        var extension = Path.GetExtension(path).ToUpperInvariant();
        csv = extension == ".CSV";
        return extension is ".CSV" or ".JSON";
    }

    public static IAsyncEnumerable<FileRecord> ReadAsync(Stream stream, bool csv, IReadOnlyList<CsvColumn> columns, CancellationToken ct) =>
        csv ? ReadCsvAsync(stream, columns, ct) : ReadJsonAsync(stream, ct);

    /// <summary>
    /// Every record of a file read and checked by the domain's reader: the good ones, and the bad ones
    /// by line (a catalogue or an institutions file: thousands to tens of thousands, which one use
    /// case takes together).
    /// </summary>
    public static async Task<FileRecords<T>> ReadAllAsync<T>(Stream stream, bool csv, IReadOnlyList<CsvColumn> columns, Func<JsonElement, string, Domain.Result<T>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        var records = new FileRecords<T>([], []);
        await foreach (var record in ReadAsync(stream, csv, columns, ct))
        {
            var value = record.Element is { } element ? read(element, csv ? "$" : $"$[{record.Line - 1}]") : Domain.Result<T>.Failure(Domain.Interchange.ReferenceErrors.MalformedDocument.With(record.Error!));
            if (value.IsSuccess)
            {
                records.Good.Add(value.Value);
            }
            else
            {
                records.Bad.Add(new BadRecord(record.Line, csv ? value.Error.Message.Replace("$.", "", StringComparison.Ordinal) : value.Error.Message));
            }
        }

        return records;
    }

    /// <summary>The header a CSV file of these columns starts with.</summary>
    public static string Header(IReadOnlyList<CsvColumn> columns) => string.Join(",", columns.Select(c => c.Header));

    private static async IAsyncEnumerable<FileRecord> ReadJsonAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        long index = 0;
        await using var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: ct).GetAsyncEnumerator(ct);
        while (true)
        {
            string? broken = null;
            try
            {
                if (!await elements.MoveNextAsync())
                {
                    break;
                }
            }
            catch (JsonException ex)
            {
                broken = $"the JSON document is malformed: {ex.Message}";
            }

            index++;
            if (broken is not null)
            {
                yield return new FileRecord(index, null, broken);
                yield break; // the rest of the document cannot be read
            }

            yield return new FileRecord(index, elements.Current, null);
        }
    }

    private static async IAsyncEnumerable<FileRecord> ReadCsvAsync(Stream stream, IReadOnlyList<CsvColumn> columns, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var header = (await reader.ReadLineAsync(ct) is { } first ? Split(first) : []).Select(c => c.Trim().ToLowerInvariant()).ToList();
        var positions = columns.Select(c => header.IndexOf(c.Header)).ToArray();
        if (columns.Where((c, i) => !c.Optional && positions[i] < 0).Any())
        {
            yield return new FileRecord(1, null, $"the header must name the columns {Header(columns)}{(columns.Any(c => c.Optional) ? $" ({string.Join(", ", columns.Where(c => c.Optional).Select(c => c.Header))} may be left out)" : "")}");
            yield break;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        long line = 1;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = Split(text);
            yield return fields.Count != header.Count
                ? new FileRecord(line, null, $"expected {header.Count} fields, found {fields.Count}")
                : ToJson(line, fields, columns, positions, buffer);
        }
    }

    private static FileRecord ToJson(long line, List<string> fields, IReadOnlyList<CsvColumn> columns, int[] positions, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var field = positions[i] < 0 ? "" : fields[positions[i]].Trim();
                if (field.Length == 0 && (column.Optional || column.Value != CsvValue.Text))
                {
                    continue; // absent: the reader's default, or its "required" error
                }

                switch (column.Value)
                {
                    case CsvValue.Number when decimal.TryParse(field, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                        json.WriteNumber(column.Member, number);
                        break;
                    case CsvValue.Number:
                        return new FileRecord(line, null, $"{column.Header} must be a number such as 1200.50");
                    case CsvValue.Boolean when ParseBoolean(field) is { } flag:
                        json.WriteBoolean(column.Member, flag);
                        break;
                    case CsvValue.Boolean:
                        return new FileRecord(line, null, $"{column.Header} must be true or false");
                    default:
                        json.WriteString(column.Member, field);
                        break;
                }
            }

            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new FileRecord(line, document.RootElement.Clone(), null);
    }

    private static bool? ParseBoolean(string field) => field.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "Y" or "YES" => true,
        "FALSE" or "0" or "N" or "NO" => false,
        _ => null,
    };

    /// <summary>One CSV line's fields (RFC 4180 quoting within a line).</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
