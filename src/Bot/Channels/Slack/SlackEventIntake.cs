namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Takes a verified event from either door (HTTP Events API or Socket Mode): drops what is not for the assistant,
/// drops Slack's retries of an event already taken, and queues the rest. Returns false only when the queue is full,
/// so that Slack retries later.
/// </summary>
public sealed partial class SlackEventIntake(SlackEventDeduplicator deduplicator, SlackBacklog backlog, SlackThreads threads, SlackAgentHandler handler, ILogger<SlackEventIntake> logger)
{
    public bool Accept(SlackEventEnvelope envelope, int? retryNumber)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.EventId is not { Length: > 0 } eventId || !SlackAgentHandler.Wants(envelope, threads))
        {
            return true;
        }

        if (!deduplicator.TryBegin(eventId))
        {
            LogRetryDropped(eventId, retryNumber ?? 0);
            return true;
        }

        if (backlog.TryEnqueue(ct => handler.HandleEventAsync(envelope, ct)))
        {
            return true;
        }

        deduplicator.Forget(eventId);
        LogBacklogFull(eventId);
        return false;
    }

    [LoggerMessage(1, LogLevel.Information, "Slack resent event {EventId} (retry {Retry}); it was already taken")]
    private partial void LogRetryDropped(string eventId, int retry);

    [LoggerMessage(2, LogLevel.Warning, "The Slack backlog is full; event {EventId} refused for Slack to retry")]
    private partial void LogBacklogFull(string eventId);
}
