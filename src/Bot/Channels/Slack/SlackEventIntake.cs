namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Takes a verified event from either door (HTTP Events API or Socket Mode). On the request path it only drops what
/// the event alone shows is not for the assistant and queues the rest in its conversation's lane: no I/O before the
/// acknowledgement. In the lane, after the thread's earlier events, it checks thread membership (for follow-ups
/// without a mention) and claims the event id in the shared store, so that a retry, here or on another instance, is
/// dropped. Returns false only when the lanes are full: nothing was claimed, so Slack's retry is worked on.
/// </summary>
public sealed partial class SlackEventIntake(SlackEventDeduplicator deduplicator, SlackWorkLanes lanes, SlackThreads threads, SlackAgentHandler handler, TimeProvider time, ILogger<SlackEventIntake> logger)
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

        if (lanes.TryEnqueue(SlackWorkLanes.LaneOf(SlackAgentHandler.PlaceOf(envelope)), ct => WorkAsync(envelope, interest, retryNumber, ct)))
        {
            return true;
        }

        RefusedWhileFull();
        return false;
    }

    // Full lanes refuse events by the thousand; one log line per request would block requests on the console.
    private void RefusedWhileFull()
    {
        Interlocked.Increment(ref _refused);
        var last = Interlocked.Read(ref _fullLoggedAt);
        var now = time.GetTimestamp();
        if ((last == long.MinValue || time.GetElapsedTime(last, now) >= FullLogEvery) && Interlocked.CompareExchange(ref _fullLoggedAt, now, last) == last)
        {
            LogLanesFull(Interlocked.Exchange(ref _refused, 0));
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

    [LoggerMessage(2, LogLevel.Warning, "The Slack work lanes are full (Slack:QueueCapacity); {Refused} event(s) refused for Slack to retry since the last report")]
    private partial void LogLanesFull(long refused);
}
