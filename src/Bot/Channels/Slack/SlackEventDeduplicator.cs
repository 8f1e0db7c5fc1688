using Microsoft.Extensions.Options;
using MspSupport.Core.Marks;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Slack resends an event it thinks was not acknowledged (<c>X-Slack-Retry-Num</c>), with the same <c>event_id</c>,
/// possibly to another instance of the host, or to this one after a restart. The first to claim the id in the shared
/// mark store works on the event; every other copy within <see cref="SlackOptions.EventDedupeWindow"/> is dropped, so
/// a retry never runs twice (never files a second ticket).
/// </summary>
public sealed class SlackEventDeduplicator(IMarkStore marks, IOptions<SlackOptions> options)
{
    /// <summary>True for the one caller, across instances, that takes <paramref name="eventId"/>.</summary>
    public Task<bool> TryBeginAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return marks.TryClaimAsync("slack/event/" + eventId, options.Value.EventDedupeWindow, cancellationToken);
    }
}
