using System.Text;

namespace Yibao.Server.Infrastructure;

/// <summary>Request bodies read as text: bounded while streaming (Content-Length can be absent or false), strict UTF-8.</summary>
internal static class RequestBody
{
    public static async Task<ApiOutcome<string>> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tooLarge = HttpErrors.DocumentTooLarge.With($"The request is larger than {maxBytes} bytes.");
        if (request.ContentLength > maxBytes)
        {
            return tooLarge;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return tooLarge;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return HttpErrors.MalformedRequest.With("The request is not valid UTF-8.");
        }
    }
}
