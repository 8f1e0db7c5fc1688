namespace MspSupport.Core.Notifications;

/// <summary>
/// A requester notification in the outbox: written before its first send and kept while it is not known to be sent
/// (the send failed in a way worth retrying, or the process died during it), for <see cref="NotificationRedelivery"/>.
/// It keeps what the ticket's current state cannot tell again (the change's headline and version); the card is drawn
/// afresh from the ticket at each attempt. Times are whole milliseconds (they round-trip through the stores' text).
/// </summary>
public sealed record PendingNotification
{
    /// <summary>The notification's id in <see cref="ISentNotificationStore"/> (<c>{channel}:{ticketId}:v{version}</c>); the entry's key.</summary>
    public required string NotificationId { get; init; }

    public required string TicketId { get; init; }

    /// <summary>The channel of the requester's conversation reference: <c>teams</c>, <c>slack</c> or <c>web</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The ticket version the change produced.</summary>
    public required long Version { get; init; }

    /// <summary>The sentence the requester is told (<see cref="TicketChangeHeadline"/> of the change).</summary>
    public required string Headline { get; init; }

    /// <summary>Attempts made or under way, the first send included.</summary>
    public required int Attempts { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>When the first send was made; redelivery gives up <c>Notifications:RedeliveryMaxAgeHours</c> after it.</summary>
    public required DateTimeOffset FirstAttemptAt { get; init; }
}
