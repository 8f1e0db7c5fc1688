using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Keeps Web API calls inside Slack's rate limits before Slack has to say 429: a token bucket per workspace and method
/// (per channel as well for <c>chat.postMessage</c>), paced as <see cref="SlackOptions.Pacing"/> says; and, after a
/// 429, a hold on that workspace's method until its <c>Retry-After</c> has passed. The workspace is told apart by its
/// bot token. Buckets of quiet channels are dropped by the partitioned limiter after a few seconds idle.
/// </summary>
public sealed class SlackPacer : IDisposable
{
    /// <summary>The channel a call is about (set by <see cref="SlackApiClient"/>), for methods paced per channel.</summary>
    public static readonly HttpRequestOptionsKey<string> ChannelOption = new("MspSupport.Slack.Channel");

    /// <summary>Set on a call whose turn was already taken with <see cref="TryTakeTurn"/>.</summary>
    public static readonly HttpRequestOptionsKey<bool> TurnTakenOption = new("MspSupport.Slack.TurnTaken");

    private const int MaxWaiting = 10_000;

    private readonly Dictionary<string, SlackMethodPace> _paces;
    private readonly PartitionedRateLimiter<SlackCall> _limiter;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _holds = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SlackPacer(IOptions<SlackOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _paces = new Dictionary<string, SlackMethodPace>(options.Value.Pacing, StringComparer.Ordinal);
        _time = time;
        _limiter = PartitionedRateLimiter.Create<SlackCall, string>(Partition);
    }

    /// <summary>Waits for the call's turn. False when too many calls already wait (the call should go anyway; a 429 still holds it back).</summary>
    public async ValueTask<bool> WaitTurnAsync(string workspace, string method, string? channel, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(new SlackCall(workspace, method, channel), 1, cancellationToken);
        return lease.IsAcquired;
    }

    /// <summary>Takes the call's turn only if it is there now and no 429 holds the method: for calls that may be skipped (streamed edits).</summary>
    public bool TryTakeTurn(string workspace, string method, string? channel)
    {
        if (HeldFor(workspace, method) > TimeSpan.Zero)
        {
            return false;
        }

        using var lease = _limiter.AttemptAcquire(new SlackCall(workspace, method, channel), 1);
        return lease.IsAcquired;
    }

    /// <summary>Holds every call of the workspace's method for <paramref name="retryAfter"/> (a 429's <c>Retry-After</c>).</summary>
    public void Hold(string workspace, string method, TimeSpan retryAfter)
    {
        var until = _time.GetUtcNow() + retryAfter;
        _holds.AddOrUpdate(HoldKey(workspace, method), until, (_, current) => current > until ? current : until);
    }

    /// <summary>How long a 429 still holds the workspace's method.</summary>
    public TimeSpan HeldFor(string workspace, string method)
    {
        if (_holds.IsEmpty || !_holds.TryGetValue(HoldKey(workspace, method), out var until))
        {
            return TimeSpan.Zero;
        }

        var left = until - _time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    public void Dispose() => _limiter.Dispose();

    private RateLimitPartition<string> Partition(SlackCall call)
    {
        if (!_paces.TryGetValue(call.Method, out var pace) || pace.PerMinute <= 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var key = pace.PerChannel && !string.IsNullOrEmpty(call.Channel)
            ? $"{call.Workspace}\n{call.Method}\n{call.Channel}"
            : $"{call.Workspace}\n{call.Method}";
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = pace.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / pace.PerMinute,
            QueueLimit = MaxWaiting,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    private static string HoldKey(string workspace, string method) => $"{workspace}\n{method}";

    private readonly record struct SlackCall(string Workspace, string Method, string? Channel);
}
