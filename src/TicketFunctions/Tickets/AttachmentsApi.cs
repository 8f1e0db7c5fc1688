using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using MspSupport.Core.Tickets;
using MspSupport.Core.Tickets.Attachments;
using MspSupport.TicketFunctions.Auth;
using MspSupport.TicketFunctions.Http;

namespace MspSupport.TicketFunctions.Tickets;

/// <summary>
/// Files on tickets: <c>POST /tickets/{id}/attachments</c> takes the file as the raw body (its name from
/// <c>Content-Disposition: attachment; filename=…</c> or <c>?fileName=</c>), <c>GET …/attachments/{attachmentId}</c>
/// returns it. <see cref="TicketAttachmentService"/> checks the file and who may attach or read.
/// </summary>
public static class AttachmentsApi
{
    public static RouteGroupBuilder MapAttachmentsApi(this RouteGroupBuilder tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        tickets.MapPost("/{ticketId}/attachments", UploadAsync)
            .WithName("AttachFile").WithSummary("Attach a file (raw body; name in Content-Disposition or ?fileName=)")
            .Produces<TicketAttachment>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        tickets.MapGet("/{ticketId}/attachments/{attachmentId}", DownloadAsync)
            .WithName("GetAttachment").WithSummary("Download an attached file")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tickets;
    }

    private static async Task<IResult> UploadAsync(string ticketId, HttpContext http, TicketAttachmentService attachments, CancellationToken cancellationToken)
    {
        if (CallerClaims.CallerOf(http) is not { } caller)
        {
            return TicketsApi.OnBehalfOfMissing();
        }

        var max = attachments.MaxBytes;
        if (http.Request.ContentLength > max)
        {
            return TooLarge(max);
        }

        var fileName = FileNameOf(http.Request);
        if (fileName is null)
        {
            return Problems.Invalid("fileName", "Name the file: send Content-Disposition: attachment; filename=\"screenshot.png\" or ?fileName=screenshot.png.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1;
        }

        byte[] content;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81_920];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return TooLarge(max);
                }

                buffer.Write(chunk, 0, read);
            }

            content = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }
        catch (BadHttpRequestException e)
        {
            return Problems.Status(e.StatusCode, "Bad request", "The request body could not be read.");
        }

        var result = await attachments.UploadAsync(caller, ticketId, new IncomingFile(fileName, http.Request.ContentType, content), cancellationToken);
        if (!result.Succeeded)
        {
            return Problems.From(result);
        }

        var added = result.Value!.Attachments[^1];
        return TypedResults.Created($"/tickets/{result.Value.TicketId}/attachments/{added.AttachmentId}", added);
    }

    private static async Task<IResult> DownloadAsync(string ticketId, string attachmentId, HttpContext http, TicketAttachmentService attachments, CancellationToken cancellationToken)
    {
        if (CallerClaims.CallerOf(http) is not { } caller)
        {
            return TicketsApi.OnBehalfOfMissing();
        }

        var result = await attachments.OpenAsync(caller, ticketId, attachmentId, cancellationToken);
        if (!result.Succeeded)
        {
            return Problems.From(result);
        }

        var (attachment, bytes) = result.Value;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(bytes, attachment.ContentType, attachment.FileName);
    }

    private static string? FileNameOf(HttpRequest request)
    {
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            if (!string.IsNullOrWhiteSpace(name))
            {
                return name;
            }
        }

        var query = request.Query["fileName"];
        return query.Count == 1 && !string.IsNullOrWhiteSpace(query[0]) ? query[0] : null;
    }

    private static IResult TooLarge(long max) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "File too large", $"Files up to {AttachmentRules.Size(max)} can be attached.");
}
