using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MspSupport.TicketFunctions.Http;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// <c>POST /slack/events</c> (Events API): the signature is checked on the raw bytes before anything is parsed; the
/// URL check is answered with its challenge; an event is acknowledged at once and worked on in the background.
/// </summary>
public static partial class SlackEventsEndpoint
{
    public const string RetryHeader = "X-Slack-Retry-Num";

    public static async Task<IResult> HandleAsync(HttpContext http, SlackRequestVerifier verifier, SlackEventIntake intake, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (body, failure) = await verifier.ReadVerifiedAsync(http.Request, cancellationToken);
        if (body is null)
        {
            LogRefused(loggers.CreateLogger(typeof(SlackEventsEndpoint)), http.Request.Path, failure);
            return Unauthorized();
        }

        // Slack sends events as UTF-8 JSON; anything else is not an event, however well signed.
        if (!IsJson(http.Request.ContentType))
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Slack events are sent as application/json (UTF-8).");
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return Problems.Invalid("body", "The body is not valid UTF-8 text.");
        }

        SlackEventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, SlackJsonContext.Default.SlackEventEnvelope);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        switch (envelope?.Type)
        {
            case "url_verification" when envelope.Challenge is { Length: > 0 } challenge:
                return TypedResults.Json(new JsonObject { ["challenge"] = challenge }, SlackJsonContext.Default.JsonObject);
            case "event_callback" when envelope.Event is not null:
                var retry = int.TryParse(http.Request.Headers[RetryHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
                return intake.Accept(envelope, retry)
                    ? TypedResults.Ok()
                    : Problems.Status(StatusCodes.Status503ServiceUnavailable, "Busy", "Too many events are waiting; Slack will retry this one.");
            case "event_callback":
                return Problems.Invalid("event", "An event_callback must carry an event object.");
            case null:
                return Problems.Invalid("body", "Expected a Slack Events API JSON body with a type.");
            default:
                return TypedResults.Ok(); // app_rate_limited and other envelope types need no answer
        }
    }

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The answer to a request Slack did not sign (or signed too long ago).</summary>
    public static IResult Unauthorized() =>
        Problems.Status(StatusCodes.Status401Unauthorized, "Not authenticated",
            "The request does not carry a valid, current Slack signature (X-Slack-Signature, X-Slack-Request-Timestamp).");

    [LoggerMessage(1, LogLevel.Warning, "Refused a Slack request to {Path}: {Reason}")]
    public static partial void LogRefused(ILogger logger, PathString path, string? reason);
}
