using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MspSupport.Core.Tickets.Attachments;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Fetches the files a user sent to the bot. Teams describes a file in a personal chat as a
/// <c>application/vnd.microsoft.teams.file.download.info</c> attachment with a short-lived, pre-authorized
/// <c>downloadUrl</c> (fetched without our token), and a pasted image as an <c>image/*</c> attachment whose
/// <c>contentUrl</c> lives on the Bot Connector (fetched with the bot's token, and only when it is on the trusted
/// serviceUrl of the activity). Only https is fetched, and never more than the attachment limit allows.
/// </summary>
public sealed partial class TeamsFileDownloader(HttpClient http, BotTokenProvider tokens, TrustedServiceUrls trusted, IOptions<AttachmentOptions> limits, ILogger<TeamsFileDownloader> logger)
{
    public const string FileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    /// <summary>The files of <paramref name="activity"/>, and the names of those that could not be fetched.</summary>
    public async Task<(IReadOnlyList<IncomingFile> Files, IReadOnlyList<string> Failed)> DownloadAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var files = new List<IncomingFile>();
        var failed = new List<string>();
        foreach (var attachment in activity.Attachments ?? [])
        {
            var (url, withToken, name) = Source(attachment, activity.ServiceUrl);
            if (url is null)
            {
                continue;
            }

            var content = await FetchAsync(url, withToken, cancellationToken);
            if (content is null)
            {
                failed.Add(name);
            }
            else
            {
                files.Add(new IncomingFile(name, attachment.ContentType, content));
            }
        }

        return (files, failed);
    }

    private (Uri? Url, bool WithToken, string Name) Source(Attachment attachment, string? serviceUrl)
    {
        if (attachment.ContentType == FileDownloadInfo
            && attachment.Content is { ValueKind: JsonValueKind.Object } info
            && info.TryGetProperty("downloadUrl", out var download) && download.ValueKind == JsonValueKind.String
            && Uri.TryCreate(download.GetString(), UriKind.Absolute, out var downloadUrl) && downloadUrl.Scheme == Uri.UriSchemeHttps)
        {
            var type = info.TryGetProperty("fileType", out var t) && t.ValueKind == JsonValueKind.String ? "." + t.GetString() : "";
            return (downloadUrl, false, attachment.Name ?? $"file{type}");
        }

        if (attachment.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true
            && Uri.TryCreate(attachment.ContentUrl, UriKind.Absolute, out var contentUrl) && contentUrl.Scheme == Uri.UriSchemeHttps)
        {
            var onConnector = serviceUrl is not null && trusted.IsTrusted(serviceUrl)
                && contentUrl.AbsoluteUri.StartsWith(serviceUrl.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);
            var extension = attachment.ContentType["image/".Length..].Split(';')[0].Trim() switch
            {
                "jpeg" or "jpg" => ".jpg",
                var other => "." + other,
            };
            return (contentUrl, onConnector, attachment.Name ?? $"image{extension}");
        }

        return (null, false, "");
    }

    private async Task<byte[]?> FetchAsync(Uri url, bool withToken, CancellationToken cancellationToken)
    {
        var max = limits.Value.MaxBytes;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (withToken)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchFailed(url.Host, (int)response.StatusCode);
                return null;
            }

            // Read one byte past the limit so that the attachment rules can say the file is too large.
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var copy = new MemoryStream();
            var buffer = new byte[81_920];
            int read;
            while (copy.Length <= max && (read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, max + 1 - copy.Length)), cancellationToken)) > 0)
            {
                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
        catch (HttpRequestException e)
        {
            LogFetchError(e, url.Host);
            return null;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Fetching a file from {Host} answered {Status}")]
    private partial void LogFetchFailed(string host, int status);

    [LoggerMessage(2, LogLevel.Warning, "Fetching a file from {Host} failed")]
    private partial void LogFetchError(Exception exception, string host);
}
