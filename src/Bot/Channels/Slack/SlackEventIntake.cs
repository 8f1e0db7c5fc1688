namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Takes a verified event from either door (HTTP Events API or Socket Mode). On the request path it only drops what
/// the event alone shows is not for the assistant and queues the rest: no I/O before the acknowledgement. A worker
/// then checks thread membership (for follow-ups without a mention) and claims the event id in the shared store, so
/// that a retry, here or on another instance, is dropped. Returns false only when the queue is full, so that Slack
/// retries later.
/// </summary>
public sealed partial class SlackEventIntake(SlackEventDeduplicator deduplicator, SlackBacklog backlog, SlackThreads threads, SlackAgentHandler handler, ILogger<SlackEventIntake> logger)
{
    public bool Accept(SlackEventEnvelope envelope, int? retryNumber)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var interest = SlackAgentHandler.Interest(envelope);
        if (envelope.EventId is not { Length: > 0 } || interest == SlackEventInterest.None)
        {
            return true;
        }

        if (backlog.TryEnqueue(ct => WorkAsync(envelope, interest, retryNumber, ct)))
        {
            return true;
        }

        LogBacklogFull(envelope.EventId);
        return false;
    }

    private async Task WorkAsync(SlackEventEnvelope envelope, SlackEventInterest interest, int? retryNumber, CancellationToken cancellationToken)
    {
        var e = envelope.Event!;
        if (interest == SlackEventInterest.IfThreadJoined && !await threads.IsPartOfAsync(SlackAgentHandler.TeamOf(envelope), e.Channel, e.ThreadTs, cancellationToken))
        {
            return;
        }

        if (!await deduplicator.TryBeginAsync(envelope.EventId!, cancellationToken))
        {
            LogRetryDropped(envelope.EventId!, retryNumber ?? 0);
            return;
        }

        await handler.HandleEventAsync(envelope, cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Slack resent event {EventId} (retry {Retry}); it was already taken")]
    private partial void LogRetryDropped(string eventId, int retry);

    [LoggerMessage(2, LogLevel.Warning, "The Slack backlog is full; event {EventId} refused for Slack to retry")]
    private partial void LogBacklogFull(string eventId);
}
