namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Takes a verified event from either door (HTTP Events API or Socket Mode). On the request path it only drops what
/// the event alone shows is not for the assistant and queues the rest: no I/O before the acknowledgement. A worker
/// then checks thread membership (for follow-ups without a mention) and claims the event id in the shared store, so
/// that a retry, here or on another instance, is dropped. Returns false only when the queue is full, so that Slack
/// retries later.
/// </summary>
public sealed partial class SlackEventIntake(SlackEventDeduplicator deduplicator, SlackBacklog backlog, SlackThreads threads, SlackAgentHandler handler, TimeProvider time, ILogger<SlackEventIntake> logger)
{
    private static readonly TimeSpan FullLogEvery = TimeSpan.FromSeconds(10);
    private long _refused;
    private long _fullLoggedAt = long.MinValue;

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

        RefusedWhileFull();
        return false;
    }

    // A full backlog refuses events by the thousand; one log line per request would block requests on the console.
    private void RefusedWhileFull()
    {
        Interlocked.Increment(ref _refused);
        var last = Interlocked.Read(ref _fullLoggedAt);
        var now = time.GetTimestamp();
        if ((last == long.MinValue || time.GetElapsedTime(last, now) >= FullLogEvery) && Interlocked.CompareExchange(ref _fullLoggedAt, now, last) == last)
        {
            LogBacklogFull(Interlocked.Exchange(ref _refused, 0));
        }
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

    [LoggerMessage(2, LogLevel.Warning, "The Slack backlog is full; {Refused} event(s) refused for Slack to retry since the last report")]
    private partial void LogBacklogFull(long refused);
}
