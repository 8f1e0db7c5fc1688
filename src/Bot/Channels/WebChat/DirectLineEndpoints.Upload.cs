using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Core.Tickets.Attachments;
using MspSupport.TicketFunctions.Http;

namespace MspSupport.Bot.Channels.WebChat;

// Direct Line's "send attachments by upload": POST .../conversations/{id}/upload?userId=…, multipart/form-data with one
// part per file and, optionally, a part named "activity" holding the message (application/vnd.microsoft.activity).
// The token is checked before the body is read; the whole body is read and checked before anything is stored, so a
// refused upload leaves the conversation as it was. The files go to the agent as the turn's Files; the echoed message
// names them but carries no bytes.
public static partial class DirectLineEndpoints
{
    private const int MultipartOverheadBytes = 64 * 1024;

    private static async Task<IResult> UploadAsync(
        HttpContext http, string conversationId, DirectLineTokens tokens, WebConversations conversations, WebChatAgentBridge bridge,
        TicketAttachmentService attachments, IOptions<WebChatOptions> options)
    {
        // userId in the query is ignored as from.id is on posted activities: the token says who is sending.
        var (conversation, grant, problem) = await ConversationAsync(http, tokens, conversations, conversationId);
        if (conversation is null)
        {
            return problem!;
        }

        var settings = options.Value;
        var maxFile = attachments.MaxBytes;
        var maxTotal = (settings.MaxUploadFiles * maxFile) + settings.MaxActivityBytes + MultipartOverheadBytes;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return Problems.Invalid("body", "Send the files as multipart/form-data (with a boundary): one part per file, and optionally an 'activity' part with the message.");
        }

        if (http.Request.ContentLength > maxTotal)
        {
            return UploadTooLarge(settings, maxFile);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxTotal;
        }

        var (upload, refused) = await ReadUploadAsync(http.Request, boundary, settings, maxFile, http.RequestAborted);
        if (upload is null)
        {
            return refused!;
        }

        if (upload.Files.Count == 0)
        {
            return Problems.Invalid("file", "The upload has no file: add a part with a filename for each file.");
        }

        var message = upload.Activity;
        if (message?.Type is { } type && type != "message")
        {
            return Problems.Invalid("activity.type", $"Files travel with a message; an activity of type '{type}' cannot carry them.");
        }

        if (message?.Text?.Length > settings.MaxTextLength)
        {
            return Problems.Invalid("activity.text", $"The message is too long: at most {settings.MaxTextLength} characters.");
        }

        var stored = conversation.Append(new Activity
        {
            Type = "message",
            Text = message?.Text,
            TextFormat = message?.TextFormat,
            Locale = message?.Locale,
            ChannelData = message?.ChannelData, // carries Web Chat's clientActivityID, so the page matches the echo to what it sent
            From = new ChannelAccount { Id = grant!.User.Id, Name = grant.User.Name, Role = "user" },
            Recipient = WebChatAgentBridge.Bot,
            Attachments = [.. upload.Files.Select(f => new Attachment { Name = AttachmentRules.CleanName(f.FileName) ?? "file", ContentType = f.DeclaredContentType })],
        });
        _ = bridge.StartTurn(conversation, stored, upload.Files);
        return TypedResults.Json(new ResourceResponse(stored.Id), WebChatJsonContext.Default.ResourceResponse);
    }

    private static async Task<(Upload? Upload, IResult? Problem)> ReadUploadAsync(
        HttpRequest request, string boundary, WebChatOptions settings, long maxFile, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        var files = new List<IncomingFile>();
        Activity? activity = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, Problems.Invalid("body", "Each part needs Content-Disposition: form-data with a name."));
                }

                var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if ((string.Equals(name, "activity", StringComparison.Ordinal) && string.IsNullOrEmpty(fileName)) || IsActivityType(section.ContentType))
                {
                    if (activity is not null)
                    {
                        return (null, Problems.Invalid("activity", "Send at most one 'activity' part."));
                    }

                    var (json, tooLarge) = await ReadCappedAsync(section.Body, settings.MaxActivityBytes, cancellationToken);
                    if (tooLarge)
                    {
                        return (null, Problems.Status(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"The 'activity' part may be at most {settings.MaxActivityBytes} bytes."));
                    }

                    activity = ParseActivity(json!);
                    if (activity is null)
                    {
                        return (null, Problems.Invalid("activity", "The 'activity' part must be a JSON object, e.g. {\"type\":\"message\",\"text\":\"here is the screenshot\"}."));
                    }

                    continue;
                }

                if (string.IsNullOrEmpty(fileName))
                {
                    return (null, Problems.Invalid("file", $"The part '{name}' has no filename; name each file in its Content-Disposition."));
                }

                if (files.Count == settings.MaxUploadFiles)
                {
                    return (null, Problems.Invalid("file", $"At most {settings.MaxUploadFiles} files can be sent at once."));
                }

                var (content, fileTooLarge) = await ReadCappedAsync(section.Body, maxFile, cancellationToken);
                if (fileTooLarge)
                {
                    return (null, UploadTooLarge(settings, maxFile, AttachmentRules.CleanName(fileName) ?? fileName));
                }

                files.Add(new IncomingFile(fileName, section.ContentType, content));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, UploadTooLarge(settings, maxFile));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, Problems.Invalid("body", "The multipart body is malformed (a part's headers or the closing boundary are missing or broken)."));
        }

        return (new Upload(files, activity), null);
    }

    private static async Task<(byte[]? Content, bool TooLarge)> ReadCappedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return (null, true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), false);
    }

    private static Activity? ParseActivity(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.Deserialize(WebChatJsonContext.Default.Activity) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsActivityType(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/vnd.microsoft.activity", StringComparison.OrdinalIgnoreCase);

    private static IResult UploadTooLarge(WebChatOptions settings, long maxFile, string? fileName = null) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Upload too large",
            (fileName is null ? "" : $"{fileName} is too large. ") + $"Files up to {AttachmentRules.Size(maxFile)} each, at most {settings.MaxUploadFiles} at once, can be sent.");

    private sealed record Upload(IReadOnlyList<IncomingFile> Files, Activity? Activity);
}
