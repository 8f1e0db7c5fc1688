using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Works off the outbox of requester notifications not known to be sent (<see cref="IPendingNotificationStore"/>): every
/// <c>Notifications:RedeliveryIntervalSeconds</c> it takes the due entries, reads each ticket as it is now and sends
/// again through <see cref="RequesterNotifications"/> (so through the same dedupe: a notification that got out is not
/// sent again). A failure waits twice as long as the one before, up to <c>Notifications:RedeliveryMaxIntervalSeconds</c>;
/// <c>Notifications:RedeliveryMaxAgeHours</c> after the first attempt the entry is dropped with a warning. Several hosts
/// may run it at once: the sent record's claim lets one of them send.
/// </summary>
public sealed partial class NotificationRedelivery : BackgroundService
{
    /// <summary>Entries taken per pass; more wait for the next pass.</summary>
    public const int BatchSize = 100;

    private readonly IPendingNotificationStore _pending;
    private readonly ITicketStore _tickets;
    private readonly IConversationReferenceStore _references;
    private readonly IdentityDirectory _identities;
    private readonly RequesterNotifications _notifications;
    private readonly TimeProvider _time;
    private readonly NotificationOptions _options;
    private readonly ILogger<NotificationRedelivery> _logger;

    public NotificationRedelivery(
        IPendingNotificationStore pending,
        ITicketStore tickets,
        IConversationReferenceStore references,
        IdentityDirectory identities,
        RequesterNotifications notifications,
        TimeProvider time,
        IOptions<NotificationOptions> options,
        ILogger<NotificationRedelivery> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pending = pending ?? throw new ArgumentNullException(nameof(pending));
        _tickets = tickets ?? throw new ArgumentNullException(nameof(tickets));
        _references = references ?? throw new ArgumentNullException(nameof(references));
        _identities = identities ?? throw new ArgumentNullException(nameof(identities));
        _notifications = notifications ?? throw new ArgumentNullException(nameof(notifications));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: the interval, doubled per further failure, capped.</summary>
    public static TimeSpan DelayAfter(NotificationOptions options, int attempts)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min((long)options.RedeliveryIntervalSeconds << doublings, options.RedeliveryMaxIntervalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>One pass: every due entry (up to <see cref="BatchSize"/>) tried once. Returns how many were due.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await _pending.DueAsync(_time.GetUtcNow(), BatchSize, cancellationToken);
        foreach (var entry in due)
        {
            try
            {
                await RedeliverAsync(entry, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The store or the ticket could not be read: the entry stays as it is and is due again next pass.
                LogEntryFailed(e, entry.TicketId, entry.Channel);
            }
        }

        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.RedeliveryIntervalSeconds), _time);
        try
        {
            // The first pass at start picks up what a previous run of the host left.
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPassFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; what is left stays in the store for the next start.
        }
    }

    private async Task RedeliverAsync(PendingNotification entry, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now - entry.FirstAttemptAt >= TimeSpan.FromHours(_options.RedeliveryMaxAgeHours))
        {
            LogGaveUp(entry.TicketId, entry.Channel, entry.Attempts, entry.FirstAttemptAt);
            await _pending.RemoveAsync(entry.NotificationId, cancellationToken);
            return;
        }

        var ticket = await _tickets.GetAsync(entry.TicketId, cancellationToken);
        var notice = ticket is null ? null : await RequesterNotice.PrepareAgainAsync(entry, ticket, _references, _identities, cancellationToken);
        if (notice is null)
        {
            LogNothingToTell(entry.TicketId, entry.Channel);
            await _pending.RemoveAsync(entry.NotificationId, cancellationToken);
            return;
        }

        var outcome = await _notifications.SendAsync(notice, cancellationToken);
        if (outcome == NotificationOutcome.FailedRetryable)
        {
            var attempts = entry.Attempts + 1;
            await _pending.RescheduleAsync(entry.NotificationId, attempts, UtcTimestamp.Truncate(now + DelayAfter(_options, attempts)), cancellationToken);
            return;
        }

        if (!await _notifications.IsSettledAsync(outcome, entry.NotificationId))
        {
            // Another host holds the claim and is sending it now; if that send fails or dies, this entry is still here.
            await _pending.RescheduleAsync(entry.NotificationId, entry.Attempts, UtcTimestamp.Truncate(now + DelayAfter(_options, 1)), cancellationToken);
            return;
        }

        if (outcome == NotificationOutcome.Sent)
        {
            LogDelivered(entry.TicketId, entry.Channel, entry.Attempts + 1);
        }

        await _pending.RemoveAsync(entry.NotificationId, cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Warning, "Gave up notifying the requester of {TicketId} in {Channel} after {Attempts} attempts since {FirstAttemptAt}")]
    private partial void LogGaveUp(string ticketId, string channel, int attempts, DateTimeOffset firstAttemptAt);

    [LoggerMessage(2, LogLevel.Information, "Requester of {TicketId} is no longer to be told in {Channel} (ticket deleted, conversation reference gone, or out of their sight); retry dropped")]
    private partial void LogNothingToTell(string ticketId, string channel);

    [LoggerMessage(3, LogLevel.Information, "Requester of {TicketId} notified in {Channel} on attempt {Attempt}")]
    private partial void LogDelivered(string ticketId, string channel, int attempt);

    [LoggerMessage(4, LogLevel.Warning, "Retrying the notification of the requester of {TicketId} in {Channel} failed (store or ticket out of reach); tried again next pass")]
    private partial void LogEntryFailed(Exception exception, string ticketId, string channel);

    [LoggerMessage(5, LogLevel.Warning, "A notification redelivery pass failed; tried again at the next interval")]
    private partial void LogPassFailed(Exception exception);
}
