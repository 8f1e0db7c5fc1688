namespace MspSupport.Core.Notifications;

/// <summary>
/// The outbox of requester notifications to send again (<see cref="PendingNotification"/>), keyed by notification id.
/// Implementations: SQLite (table <c>pending_notifications</c>) and DynamoDB (the sessions table, items keyed
/// <c>NOTIFYRETRY#{id}</c>, listed through UserIndex under one fixed partition value). Times come from the caller.
/// </summary>
public interface IPendingNotificationStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="entry"/> unless an entry with its id is there already: the same change delivered again keeps
    /// its first attempt time and schedule. True when this call added it.
    /// </summary>
    Task<bool> AddAsync(PendingNotification entry, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> entries whose next attempt is due by <paramref name="now"/>, soonest first.</summary>
    Task<IReadOnlyList<PendingNotification>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: the count and the next attempt time. An entry removed meanwhile stays removed.</summary>
    Task RescheduleAsync(string notificationId, int attempts, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Removes the entry (sent, or given up); nothing happens when it is not there.</summary>
    Task RemoveAsync(string notificationId, CancellationToken cancellationToken);
}
