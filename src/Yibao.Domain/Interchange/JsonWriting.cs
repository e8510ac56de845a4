using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Yibao.Domain.Interchange;

internal static class JsonWriting
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}

internal static class ResultExtensions
{
    public static Result<T> Bind<T>(this Result<Result<T>> nested) => nested.IsSuccess ? nested.Value : nested.Error;

    public static Result<IReadOnlyList<T>> BindAll<T>(this Result<IReadOnlyList<Result<T>>> nested)
    {
        if (!nested.IsSuccess)
        {
            return nested.Error;
        }

        var values = new List<T>(nested.Value.Count);
        foreach (var r in nested.Value)
        {
            if (!r.IsSuccess)
            {
                return r.Error;
            }

            values.Add(r.Value);
        }

        return values;
    }
}
