using System.Collections.Concurrent;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Slack resends an event it thinks was not acknowledged (<c>X-Slack-Retry-Num</c>), with the same <c>event_id</c>.
/// Ids seen in the last hour are remembered so that a retry never runs twice (never files a second ticket).
/// Kept in memory: one bot host instance per Slack app.
/// </summary>
public sealed class SlackEventDeduplicator(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private const int PruneAbove = 50_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="id"/> is seen (within the hour).</summary>
    public bool TryBegin(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var now = time.GetUtcNow();
        if (_seen.Count > PruneAbove)
        {
            foreach (var (key, at) in _seen)
            {
                if (now - at > Keep)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        if (_seen.TryAdd(id, now))
        {
            return true;
        }

        if (_seen.TryGetValue(id, out var seen) && now - seen > Keep && _seen.TryUpdate(id, now, seen))
        {
            return true;
        }

        return false;
    }

    /// <summary>Forgets an id whose work could not be queued, so that Slack's retry is taken.</summary>
    public void Forget(string id) => _seen.TryRemove(id, out _);
}
