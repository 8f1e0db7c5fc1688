using System.Net;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Slack's rate limits on every Web API call: first the method's pace (<see cref="SlackPacer"/>), so that a burst is
/// spread out before Slack refuses it; then any hold a 429 put on the workspace's method. A 429 answer holds the
/// method for its <c>Retry-After</c> and the call is sent again (a few times at most); other methods, other
/// workspaces and, for <c>chat.postMessage</c>, other channels are not held.
/// </summary>
public sealed partial class SlackRateLimitHandler(SlackPacer pacer, TimeProvider time, ILogger<SlackRateLimitHandler> logger) : DelegatingHandler
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.RequestUri?.Segments[^1] ?? "";
        var workspace = request.Headers.Authorization?.Parameter ?? "";
        request.Options.TryGetValue(SlackPacer.ChannelOption, out var channel);
        var turnTaken = request.Options.TryGetValue(SlackPacer.TurnTakenOption, out var taken) && taken;
        for (var attempt = 1; ; attempt++)
        {
            if (!turnTaken && !await pacer.WaitTurnAsync(workspace, method, channel, cancellationToken))
            {
                LogTooManyWaiting(method);
            }

            turnTaken = false; // a call sent again takes its turn like any other
            if (pacer.HeldFor(workspace, method) is { Ticks: > 0 } wait)
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
            pacer.Hold(workspace, method, retryAfter);
            LogRateLimited(method, retryAfter.TotalSeconds, attempt);
            response.Dispose();
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Slack rate-limited {Method}; waiting {Seconds} s before attempt {Attempt}")]
    private partial void LogRateLimited(string method, double seconds, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "Too many Slack {Method} calls wait for their turn; one goes without")]
    private partial void LogTooManyWaiting(string method);
}
