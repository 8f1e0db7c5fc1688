namespace MspSupport.Core.Notifications;

/// <summary>
/// The durable record of requester notifications sent, so that a change delivered twice is told once. A record is a
/// claim first (a short lease while the send is under way) and becomes "sent" when the send succeeds; a failed send
/// releases it, so the next delivery tries again. Records expire (<c>Notifications:SentRecordTtlHours</c>).
/// Implementations: SQLite (embedded) and DynamoDB (the <c>Sessions</c> table, items keyed <c>NOTIFIED#{id}</c>, TTL
/// ExpiresAt). Times come from the caller, so the stores hold no clock.
/// </summary>
public interface ISentNotificationStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims <paramref name="notificationId"/> until <paramref name="leaseUntil"/> unless a record that has not expired
    /// by <paramref name="now"/> holds it (sent, or being sent by someone else). True when this caller may send.
    /// </summary>
    Task<bool> TryClaimAsync(string notificationId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Marks a claimed notification as sent, kept until <paramref name="keepUntil"/>.</summary>
    Task MarkSentAsync(string notificationId, DateTimeOffset keepUntil, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="notificationId"/> is marked sent and its record has not expired by <paramref name="now"/>.</summary>
    Task<bool> IsSentAsync(string notificationId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives back a claim whose send failed; a record already marked sent is left alone.</summary>
    Task ReleaseAsync(string notificationId, CancellationToken cancellationToken);
}
