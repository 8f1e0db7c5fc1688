using System.Globalization;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// What <c>chat.postMessage</c> came to: the message's ts, or why not: Slack's error code (<c>channel_not_found</c>,
/// <c>ratelimited</c>…), <c>http_{status}</c> for an HTTP failure, or <see cref="Unreachable"/>.
/// </summary>
public sealed record SlackPostResult(string? Ts, string? Error)
{
    public const string Unreachable = "unreachable";

    // Slack's documented errors that say "not now" rather than "not ever"; any other refusal would be refused again.
    private static readonly HashSet<string> TransientErrors = new(StringComparer.Ordinal)
    {
        Unreachable, "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
    };

    public bool Posted => Error is null;

    /// <summary>True when trying again later may work: unreachable, HTTP 408, 429 or 5xx, or one of Slack's transient errors.</summary>
    public bool Retryable => Error is { } error && (TransientErrors.Contains(error) || error is "http_408" or "http_429" || error.StartsWith("http_5", StringComparison.Ordinal));

    public static string HttpError(int status) => string.Create(CultureInfo.InvariantCulture, $"http_{status}");
}
