using Microsoft.Extensions.Options;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Sends a requester notification at most once per change while its record lives, and at least once overall: the
/// notification is claimed before the send, marked sent after a send that succeeded, and released after one that
/// failed or threw, so that a redelivery of the same change tries again.
/// </summary>
public sealed class SentNotifications
{
    private readonly ISentNotificationStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _keep;
    private readonly TimeSpan _lease;

    public SentNotifications(ISentNotificationStore store, TimeProvider time, IOptions<NotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _keep = TimeSpan.FromHours(options.Value.SentRecordTtlHours);
        _lease = TimeSpan.FromSeconds(options.Value.SendLeaseSeconds);
    }

    /// <summary>
    /// Runs <paramref name="send"/> unless <paramref name="notice"/> was sent already (or is being sent), and returns
    /// what it came to; null when the notice was not this call's to send. Only <see cref="NotificationOutcome.Sent"/>
    /// is remembered: any other outcome, or an exception, gives the claim back, so that a later attempt may send.
    /// </summary>
    public async Task<NotificationOutcome?> SendOnceAsync(RequesterNotice notice, Func<CancellationToken, Task<NotificationOutcome>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(send);
        var now = _time.GetUtcNow();
        if (!await _store.TryClaimAsync(notice.NotificationId, now, now + _lease, cancellationToken))
        {
            return null;
        }

        NotificationOutcome outcome;
        try
        {
            outcome = await send(cancellationToken);
        }
        catch
        {
            await _store.ReleaseAsync(notice.NotificationId, CancellationToken.None);
            throw;
        }

        // Recorded even when the caller gives up now: the message went out, and an unrecorded send would be sent again.
        if (outcome == NotificationOutcome.Sent)
        {
            await _store.MarkSentAsync(notice.NotificationId, _time.GetUtcNow() + _keep, CancellationToken.None);
        }
        else
        {
            await _store.ReleaseAsync(notice.NotificationId, CancellationToken.None);
        }

        return outcome;
    }

    /// <summary>True when the notification named <paramref name="notificationId"/> was sent and is still remembered.</summary>
    public Task<bool> WasSentAsync(string notificationId, CancellationToken cancellationToken) =>
        _store.IsSentAsync(notificationId, _time.GetUtcNow(), cancellationToken);
}
