using System.Collections.Concurrent;
using System.Net;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Slack's rate limits, per Web API method: a 429 answer's <c>Retry-After</c> holds back every call of that method
/// until it has passed, then the call is sent again (a few times at most). Calls to other methods are not held.
/// </summary>
public sealed partial class SlackRateLimitHandler(TimeProvider time, ILogger<SlackRateLimitHandler> logger) : DelegatingHandler
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _notBefore = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.RequestUri?.AbsolutePath.Split('/')[^1] ?? "";
        for (var attempt = 1; ; attempt++)
        {
            if (_notBefore.TryGetValue(method, out var until) && until - time.GetUtcNow() is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxAttempts)
            {
                return response;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            retryAfter = retryAfter > MaxWait ? MaxWait : retryAfter;
            _notBefore[method] = time.GetUtcNow() + retryAfter;
            LogRateLimited(method, retryAfter.TotalSeconds, attempt);
            response.Dispose();
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Slack rate-limited {Method}; waiting {Seconds} s before attempt {Attempt}")]
    private partial void LogRateLimited(string method, double seconds, int attempt);
}
