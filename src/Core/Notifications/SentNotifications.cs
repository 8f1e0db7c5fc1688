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
    /// Runs <paramref name="send"/> unless <paramref name="notice"/> was sent already (or is being sent). The send returns
    /// true when the channel accepted the message. Returns whether this call sent it.
    /// </summary>
    public async Task<bool> SendOnceAsync(RequesterNotice notice, Func<CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(send);
        var now = _time.GetUtcNow();
        if (!await _store.TryClaimAsync(notice.NotificationId, now, now + _lease, cancellationToken))
        {
            return false;
        }

        bool sent;
        try
        {
            sent = await send(cancellationToken);
        }
        catch
        {
            await _store.ReleaseAsync(notice.NotificationId, CancellationToken.None);
            throw;
        }

        if (sent)
        {
            await _store.MarkSentAsync(notice.NotificationId, _time.GetUtcNow() + _keep, cancellationToken);
        }
        else
        {
            await _store.ReleaseAsync(notice.NotificationId, cancellationToken);
        }

        return sent;
    }
}
