using System.Runtime.CompilerServices;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;

namespace Yibao.Application.Reference;

/// <summary>One record of a persons file: the person, or why its line cannot be one.</summary>
public sealed record PersonRecord(long Line, Person? Person, string? Error);

/// <summary>
/// Persons files (<see cref="ReferenceFiles"/>), each record checked exactly as the admin API checks a
/// persons document (<see cref="WorldJson.ReadOnePerson"/>). CSV carries no chronic registrations or
/// filings; JSON (the admin API's format) does.
/// </summary>
public static class PersonFiles
{
    public static readonly CsvColumn[] Columns =
    [
        new("psn_no", "psn_no"),
        new("name", "name"),
        new("gender", "gender"),
        new("birthday", "birthday"),
        new("certno", "certno"),
        new("insutype", "insutype"),
        new("area", "area"),
        new("retired", "retired", CsvValue.Boolean),
        new("account_balance", "accountBalance", CsvValue.Number, Optional: true),
        new("naty", "naty", Optional: true),
        new("card_sn", "card_sn", Optional: true),
    ];

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

    public static async IAsyncEnumerable<PersonRecord> ReadAsync(Stream stream, bool csv, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var record in ReferenceFiles.ReadAsync(stream, csv, Columns, ct))
        {
            if (record.Element is not { } element)
            {
                yield return new PersonRecord(record.Line, null, record.Error);
                continue;
            }

            var read = WorldJson.ReadOnePerson(element, csv ? "$" : $"$[{record.Line - 1}]");
            yield return read.IsSuccess
                ? new PersonRecord(record.Line, read.Value, null)
                : new PersonRecord(record.Line, null, csv ? read.Error.Message.Replace("$.", "", StringComparison.Ordinal) : read.Error.Message);
        }
    }
}
