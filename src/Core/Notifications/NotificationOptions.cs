namespace MspSupport.Core.Notifications;

/// <summary>Bound from <c>Notifications</c>; validated at start-up.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public const int MaxSentRecordTtlHours = 24 * 365;

    /// <summary>
    /// How long a sent notification is remembered, in hours (default 72): a change delivered again within that time is
    /// not sent again. Longer than any redelivery is expected to take.
    /// </summary>
    public int SentRecordTtlHours { get; set; } = 72;

    /// <summary>
    /// How long a send may hold its claim, in seconds (default 120). A process that dies mid-send leaves the claim to
    /// expire after this, and the next delivery sends: at least once, never lost.
    /// </summary>
    public int SendLeaseSeconds { get; set; } = 120;

    /// <summary>
    /// How often the redelivery looks for notifications in the outbox that are due, in seconds (default 30); also the wait
    /// before the first retry, doubled after each failed one.
    /// </summary>
    public int RedeliveryIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// How long a ticket change (an API call, a card or form submitted) waits for the first send to the requester, in
    /// seconds (default 5). A send still retrying then, as when the channel is down, is cut short and left to the
    /// redelivery (the outbox holds it), so the change is answered without waiting out the HTTP client's retries.
    /// </summary>
    public int FirstSendTimeoutSeconds { get; set; } = 5;

    /// <summary>The longest wait between two retries of one notification, in seconds (default 1800).</summary>
    public int RedeliveryMaxIntervalSeconds { get; set; } = 1800;

    /// <summary>
    /// How long after its first attempt a notification is still retried, in hours (default 24); then it is dropped with
    /// a warning. At most <see cref="SentRecordTtlHours"/>, so that the record of a sent notification outlives its retries.
    /// </summary>
    public int RedeliveryMaxAgeHours { get; set; } = 24;
}
