using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Sends replies and proactive messages through the Bot Connector REST API
/// (<c>{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]</c>). Retries for 429 and 5xx come from the
/// resilience handler on this typed client; a send that still fails is logged with the activity id and reported.
/// </summary>
public sealed partial class ConnectorClient(HttpClient http, BotTokenProvider tokens, TrustedServiceUrls trusted, ILogger<ConnectorClient> logger)
{
    /// <summary>Posts <paramref name="activity"/> to the conversation; returns the id the connector gave it.</summary>
    public async Task<string?> SendAsync(string serviceUrl, string conversationId, Activity activity, string? replyToId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities" +
                   (replyToId is null ? "" : $"/{Uri.EscapeDataString(replyToId)}");
        return await SendAsync(HttpMethod.Post, serviceUrl, path, activity, cancellationToken);
    }

    /// <summary>Replaces an activity the bot sent before (card refresh, final streamed text).</summary>
    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}";
        await SendAsync(HttpMethod.Put, serviceUrl, path, activity, cancellationToken);
    }

    private async Task<string?> SendAsync(HttpMethod method, string serviceUrl, string path, Activity activity, CancellationToken cancellationToken)
    {
        if (!trusted.IsTrusted(serviceUrl))
        {
            LogUntrusted(serviceUrl);
            throw new ConnectorException($"Refusing to send to a serviceUrl no authenticated activity came from: {serviceUrl}");
        }

        // Serialized up front: the body goes with a Content-Length instead of chunked, in one write.
        var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJsonContext.Default.Activity));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(method, new Uri(serviceUrl.TrimEnd('/') + "/" + path)) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ErrorCodeAsync(response, cancellationToken);
            LogSendFailed((int)response.StatusCode, error, activity.Type, activity.ReplyToId ?? activity.Id);
            throw new ConnectorException($"The Bot Connector answered {(int)response.StatusCode} ({error ?? "no error code"}) to {method} {path}.", (int)response.StatusCode, error);
        }

        if (response.Content.Headers.ContentLength is 0)
        {
            return null;
        }

        var created = await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.ResourceResponse, cancellationToken);
        return created?.Id;
    }

    /// <summary>The connector's <c>{"error":{"code":...}}</c>, if the body is one; never throws.</summary>
    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.ErrorResponse, cancellationToken);
            return body?.Error?.Code;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Refused to send to untrusted serviceUrl {ServiceUrl}")]
    private partial void LogUntrusted(string serviceUrl);

    [LoggerMessage(2, LogLevel.Error, "Bot Connector send failed with {Status} {ErrorCode} for a {Type} activity (reply to / id {ActivityId})")]
    private partial void LogSendFailed(int status, string? errorCode, string? type, string? activityId);
}
