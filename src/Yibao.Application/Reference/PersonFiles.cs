using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;

namespace Yibao.Application.Reference;

/// <summary>One record of a persons file: the person, or why its line cannot be one.</summary>
public sealed record PersonRecord(long Line, Person? Person, string? Error);

/// <summary>
/// Persons files, read as a stream, one record at a time, each checked exactly as the admin API checks
/// a persons document (<see cref="WorldJson.ReadOnePerson"/>):
/// <list type="bullet">
/// <item>CSV with a header row: <c>psn_no,name,gender,birthday,certno,insutype,area,retired,account_balance</c>
/// (UTF-8, comma-separated, fields optionally in double quotes); it carries no chronic registrations or filings.</item>
/// <item>JSON: an array of person objects, the admin API's and the demo world's format, with their registrations and filings.
/// A record's "line" is then its position in the array (1-based).</item>
/// </list>
/// </summary>
public static class PersonFiles
{
    public static readonly string[] CsvColumns = ["psn_no", "name", "gender", "birthday", "certno", "insutype", "area", "retired", "account_balance"];

    public static bool TryGetFormat(string path, out bool csv)
    {
        var extension = Path.GetExtension(path).ToUpperInvariant();
        csv = extension == ".CSV";
        return extension is ".CSV" or ".JSON";
    }

    /// <summary>An already-read persons document as records, numbered from 1 by their position.</summary>
    public static async IAsyncEnumerable<PersonRecord> FromDocument(IEnumerable<Person> persons)
    {
        ArgumentNullException.ThrowIfNull(persons);
        long index = 0;
        foreach (var person in persons)
        {
            yield return new PersonRecord(++index, person, null);
        }

        await Task.CompletedTask;
    }

    public static IAsyncEnumerable<PersonRecord> ReadAsync(Stream stream, bool csv, CancellationToken ct) =>
        csv ? ReadCsvAsync(stream, ct) : ReadJsonAsync(stream, ct);

    private static async IAsyncEnumerable<PersonRecord> ReadJsonAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        long index = 0;
        var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: ct).GetAsyncEnumerator(ct);
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
                yield return new PersonRecord(index, null, broken);
                yield break; // the rest of the document cannot be read
            }

            var read = WorldJson.ReadOnePerson(elements.Current, $"$[{index - 1}]");
            yield return read.IsSuccess ? new PersonRecord(index, read.Value, null) : new PersonRecord(index, null, read.Error.Message);
        }
    }

    private static async IAsyncEnumerable<PersonRecord> ReadCsvAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var header = await reader.ReadLineAsync(ct);
        var columns = header is null ? [] : Split(header).Select(c => c.Trim().ToLowerInvariant()).ToArray();
        var positions = CsvColumns.Select(c => Array.IndexOf(columns, c)).ToArray();
        if (positions.Take(CsvColumns.Length - 1).Any(p => p < 0))
        {
            yield return new PersonRecord(1, null, $"the header must name the columns {string.Join(",", CsvColumns)} (account_balance may be left out)");
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
            if (fields.Count != columns.Length)
            {
                yield return new PersonRecord(line, null, $"expected {columns.Length} fields, found {fields.Count}");
                continue;
            }

            yield return Parse(line, fields, positions, buffer);
        }
    }

    /// <summary>The CSV row as the JSON object the one person reader checks: one set of rules for every format.</summary>
    private static PersonRecord Parse(long line, List<string> fields, int[] positions, ArrayBufferWriter<byte> buffer)
    {
        string Field(int column) => positions[column] < 0 ? "" : fields[positions[column]].Trim();
        var retired = Field(7).ToUpperInvariant() switch
        {
            "TRUE" or "1" or "Y" or "YES" => true,
            "FALSE" or "0" or "N" or "NO" or "" => (bool?)false,
            _ => null,
        };
        if (retired is null)
        {
            return new PersonRecord(line, null, "retired must be true or false");
        }

        var balanceText = Field(8);
        if (balanceText.Length > 0 && !decimal.TryParse(balanceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            return new PersonRecord(line, null, "account_balance must be a number such as 1200.50");
        }

        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("psn_no", Field(0));
            json.WriteString("name", Field(1));
            json.WriteString("gender", Field(2));
            json.WriteString("birthday", Field(3));
            json.WriteString("certno", Field(4));
            json.WriteString("insutype", Field(5));
            json.WriteString("area", Field(6));
            json.WriteBoolean("retired", retired.Value);
            if (balanceText.Length > 0)
            {
                json.WritePropertyName("accountBalance");
                json.WriteRawValue(balanceText);
            }

            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var read = WorldJson.ReadOnePerson(document.RootElement, "$");
        return read.IsSuccess ? new PersonRecord(line, read.Value, null) : new PersonRecord(line, null, read.Error.Message.Replace("$.", "", StringComparison.Ordinal));
    }

    /// <summary>One CSV line's fields (RFC 4180 quoting within a line).</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>(CsvColumns.Length);
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
