using System.Buffers;
using System.Text.Json;

namespace MspSupport.TicketFunctions.Http;

/// <summary>
/// Reads a request body as one JSON document with a hard size limit, before anything else looks at it.
/// Oversize bodies, wrong content types, invalid UTF-8, duplicate or too deeply nested properties are refused here.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public const int MaxDepth = 16;

    /// <summary>Returns the document, or the problem to answer with (and then the document is null).</summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken,
        int maxBytes = MaxBytes, int maxDepth = MaxDepth)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the body as UTF-8 JSON with Content-Type: application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }
            }

            if (length == 0)
            {
                return (null, Problems.Invalid("body", "The request body is empty; send a JSON object."));
            }

            // The parser checks structure, not every string's bytes; invalid UTF-8 would only fail later, on read.
            if (!System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, length)))
            {
                return (null, Problems.Invalid("body", "The body is not valid UTF-8 text."));
            }

            var options = new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false };
            return (JsonDocument.Parse(buffer.AsMemory(0, length), options), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid("body", $"The body is not valid JSON: {Describe(e)}"));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Status(e.StatusCode, "Bad request", "The request body could not be read."));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body may be at most {maxBytes / 1024} KB.");

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        // The body is read as UTF-8 (RFC 8259); a body declared in another charset would be misread, so it is refused.
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || (parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var mediaType = parsed.MediaType.Value ?? "";
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(JsonException e)
    {
        // The parser's own message names the line and byte position, which is what a caller needs to fix it.
        var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
        var message = e.Message.Split(" LineNumber:", 2)[0].TrimEnd('.');
        return $"{message}{where}.";
    }
}
