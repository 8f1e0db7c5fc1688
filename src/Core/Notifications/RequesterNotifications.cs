using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Tells a ticket's requester about a change in the conversation they filed it from, at least once and, through
/// <see cref="SentNotifications"/>, once. The notice is prepared once and sent by the <see cref="IRequesterNotifier"/>
/// of the reference's channel. The notification is written to the outbox (<see cref="PendingNotification"/>) before the
/// send and taken out once it is sent or refused for good, so a send that fails in a way worth retrying, throws, is
/// cut short, or never finishes because the process died is sent later by <see cref="NotificationRedelivery"/>; a
/// permanent refusal is logged and dropped. Nothing here ever fails the change itself.
/// </summary>
public sealed partial class RequesterNotifications : ITicketChangeListener
{
    private readonly Dictionary<string, IRequesterNotifier> _notifiers;
    private readonly IConversationReferenceStore _references;
    private readonly IdentityDirectory _identities;
    private readonly SentNotifications _sent;
    private readonly IPendingNotificationStore _pending;
    private readonly TimeProvider _time;
    private readonly NotificationOptions _options;
    private readonly ILogger<RequesterNotifications> _logger;

    public RequesterNotifications(
        IEnumerable<IRequesterNotifier> notifiers,
        IConversationReferenceStore references,
        IdentityDirectory identities,
        SentNotifications sent,
        IPendingNotificationStore pending,
        TimeProvider time,
        IOptions<NotificationOptions> options,
        ILogger<RequesterNotifications> logger)
    {
        ArgumentNullException.ThrowIfNull(notifiers);
        ArgumentNullException.ThrowIfNull(options);
        _notifiers = notifiers.ToDictionary(n => n.Channel, StringComparer.Ordinal);
        _references = references ?? throw new ArgumentNullException(nameof(references));
        _identities = identities ?? throw new ArgumentNullException(nameof(identities));
        _sent = sent ?? throw new ArgumentNullException(nameof(sent));
        _pending = pending ?? throw new ArgumentNullException(nameof(pending));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async ValueTask OnTicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var notice = await RequesterNotice.PrepareAsync(change, _references, _identities, cancellationToken);
        if (notice is null)
        {
            return;
        }

        if (!_notifiers.ContainsKey(notice.Reference.Channel))
        {
            LogNoNotifier(notice.Card.TicketId, notice.Reference.Channel);
            return;
        }

        // Written ahead: from here until it is known to be sent (or refused for good) the outbox holds it, so a
        // process that dies mid-send leaves it for the redelivery instead of losing it. The dedupe tells it once.
        await KeepForRetryAsync(change, notice);
        NotificationOutcome? outcome;
        using (var firstSend = new CancellationTokenSource(TimeSpan.FromSeconds(_options.FirstSendTimeoutSeconds), _time))
        using (var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, firstSend.Token))
        {
            try
            {
                outcome = await SendAsync(notice, either.Token); // a cancelled send leaves the entry to retry
            }
            catch (OperationCanceledException) when (firstSend.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The channel is slow or down and the HTTP client still retrying: the change is not held up for it.
                LogFirstSendCutShort(change.TicketId, notice.Reference.Channel, _options.FirstSendTimeoutSeconds);
                return;
            }
        }

        if (await IsSettledAsync(outcome, notice.NotificationId))
        {
            // Not cancellable either: a sent notification left in the outbox is dropped by the redelivery (it checks
            // the sent record), so this only saves it the look.
            await _pending.RemoveAsync(notice.NotificationId, CancellationToken.None);
        }
        else
        {
            LogKept(change.TicketId, notice.Reference.Channel);
        }
    }

    /// <summary>
    /// One attempt through the dedupe with the notifier of the notice's channel. Null when the notice was not this
    /// call's to send (sent already, or being sent elsewhere). An exception from the notifier or the sent record counts
    /// as <see cref="NotificationOutcome.FailedRetryable"/>; cancellation by <paramref name="cancellationToken"/> is thrown.
    /// </summary>
    public async Task<NotificationOutcome?> SendAsync(RequesterNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var ticketId = notice.Card.TicketId;
        var channel = notice.Reference.Channel;
        if (!_notifiers.TryGetValue(channel, out var notifier))
        {
            LogNoNotifier(ticketId, channel);
            return NotificationOutcome.NotApplicable;
        }

        NotificationOutcome? outcome;
        try
        {
            outcome = await _sent.SendOnceAsync(notice, ct => notifier.SendAsync(notice, ct), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogSendThrew(e, ticketId, channel);
            return NotificationOutcome.FailedRetryable;
        }

        switch (outcome)
        {
            case NotificationOutcome.Sent:
                LogNotified(ticketId, channel);
                break;
            case NotificationOutcome.FailedPermanent:
                LogRefused(ticketId, channel);
                break;
            case NotificationOutcome.FailedRetryable:
                LogFailed(ticketId, channel);
                break;
        }

        return outcome;
    }

    /// <summary>
    /// Whether an attempt's <paramref name="outcome"/> leaves nothing to retry: sent, refused for good, nothing to send,
    /// or not this attempt's to send (null) and sent by someone else. Not settled: a retryable failure, or another
    /// sender holding the claim, whose entry stays in case that send fails or its process dies.
    /// </summary>
    public async Task<bool> IsSettledAsync(NotificationOutcome? outcome, string notificationId) => outcome switch
    {
        NotificationOutcome.Sent or NotificationOutcome.FailedPermanent or NotificationOutcome.NotApplicable => true,
        null => await _sent.WasSentAsync(notificationId, CancellationToken.None),
        _ => false,
    };

    private async Task KeepForRetryAsync(TicketChange change, RequesterNotice notice)
    {
        var now = UtcTimestamp.Truncate(_time.GetUtcNow());
        var entry = new PendingNotification
        {
            NotificationId = notice.NotificationId,
            TicketId = change.TicketId,
            Channel = notice.Reference.Channel,
            Version = change.After!.Version,
            Headline = notice.Headline,
            Attempts = 1,
            NextAttemptAt = now + NotificationRedelivery.DelayAfter(_options, attempts: 1),
            FirstAttemptAt = now,
        };
        // Not cancellable: the change is saved, and a retry that is not written down is a notification lost. An entry
        // there already (the same change delivered again) keeps its schedule.
        await _pending.AddAsync(entry, CancellationToken.None);
    }

    [LoggerMessage(1, LogLevel.Information, "Requester of {TicketId} notified in {Channel}")]
    private partial void LogNotified(string ticketId, string channel);

    [LoggerMessage(2, LogLevel.Warning, "Requester of {TicketId} not notified: {Channel} could not take the message now")]
    private partial void LogFailed(string ticketId, string channel);

    [LoggerMessage(3, LogLevel.Warning, "Requester of {TicketId} not notified: the send to {Channel} failed")]
    private partial void LogSendThrew(Exception exception, string ticketId, string channel);

    [LoggerMessage(4, LogLevel.Warning, "Requester of {TicketId} not notified: {Channel} refused the message for good (conversation gone or app removed); not retried")]
    private partial void LogRefused(string ticketId, string channel);

    [LoggerMessage(5, LogLevel.Information, "Requester of {TicketId} filed it in {Channel}, which this host does not serve; not notified")]
    private partial void LogNoNotifier(string ticketId, string channel);

    [LoggerMessage(7, LogLevel.Warning, "Requester of {TicketId} not notified yet: the send to {Channel} took longer than {Seconds} s (Notifications:FirstSendTimeoutSeconds); it stays in the outbox to be retried")]
    private partial void LogFirstSendCutShort(string ticketId, string channel, int seconds);

    [LoggerMessage(6, LogLevel.Information, "Notification of the requester of {TicketId} in {Channel} stays in the outbox to be retried")]
    private partial void LogKept(string ticketId, string channel);
}
