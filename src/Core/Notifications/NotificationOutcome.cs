namespace MspSupport.Core.Notifications;

/// <summary>What one attempt to tell a requester came to, as an <see cref="IRequesterNotifier"/> reports it.</summary>
public enum NotificationOutcome
{
    /// <summary>The channel accepted the message.</summary>
    Sent,

    /// <summary>Nothing to send on this channel: the reference lacks what the channel needs to reach the requester.</summary>
    NotApplicable,

    /// <summary>The channel could not take it now (5xx, throttled, unreachable, timed out): worth trying again later.</summary>
    FailedRetryable,

    /// <summary>The channel refused for good (conversation gone, app removed, 403/404): trying again would not help.</summary>
    FailedPermanent,
}
