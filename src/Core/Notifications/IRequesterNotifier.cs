namespace MspSupport.Core.Notifications;

/// <summary>
/// Tells a ticket's requester about a change in one channel (Teams, Slack, web chat): one attempt, no retries of its
/// own beyond its HTTP client's, and no dedupe. <see cref="RequesterNotifications"/> prepares the notice, claims it
/// through <see cref="SentNotifications"/>, calls the notifier of the reference's channel and, on
/// <see cref="NotificationOutcome.FailedRetryable"/>, leaves the notification to <see cref="NotificationRedelivery"/>.
/// Expected failures are outcomes, not exceptions; an exception counts as retryable.
/// </summary>
public interface IRequesterNotifier
{
    /// <summary>The <see cref="ConversationReference.Channel"/> this notifier sends to: <c>teams</c>, <c>slack</c> or <c>web</c>.</summary>
    string Channel { get; }

    /// <summary>Tries once to put <paramref name="notice"/> in the requester's conversation.</summary>
    Task<NotificationOutcome> SendAsync(RequesterNotice notice, CancellationToken cancellationToken);
}
