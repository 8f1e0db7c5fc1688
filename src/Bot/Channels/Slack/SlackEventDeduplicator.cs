using Microsoft.Extensions.Options;
using MspSupport.Core.Marks;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Slack resends an event it thinks was not acknowledged (<c>X-Slack-Retry-Num</c>), with the same <c>event_id</c>,
/// possibly to another instance of the host, or to this one after a restart. The first to claim the id in the shared
/// mark store works on the event; every other copy within <see cref="SlackOptions.EventDedupeWindow"/> is dropped, so
/// a retry never runs twice (never files a second ticket).
/// </summary>
/// <remarks>
/// When the mark store is out of reach the event is still worked on (the user hears what failed instead of nothing),
/// deduplicated by this instance alone until the store answers again.
/// </remarks>
public sealed partial class SlackEventDeduplicator(IMarkStore marks, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackEventDeduplicator> logger)
{
    private const int MaxLocal = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _local = new(StringComparer.Ordinal);

    /// <summary>True for the one caller, across instances, that takes <paramref name="eventId"/>.</summary>
    public async Task<bool> TryBeginAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        try
        {
            return await marks.TryClaimAsync("slack/event/" + eventId, options.Value.EventDedupeWindow, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreUnavailable(e, eventId);
            return TryBeginLocally(eventId);
        }
    }

    private bool TryBeginLocally(string eventId)
    {
        var now = time.GetUtcNow();
        if (_local.Count >= MaxLocal)
        {
            foreach (var (id, at) in _local)
            {
                if (now - at >= options.Value.EventDedupeWindow)
                {
                    _local.TryRemove(id, out _);
                }
            }
        }

        return _local.TryAdd(eventId, now);
    }

    [LoggerMessage(1, LogLevel.Warning, "The mark store could not take Slack event {EventId}; it is worked on with this instance's own retry check")]
    private partial void LogStoreUnavailable(Exception exception, string eventId);
}
