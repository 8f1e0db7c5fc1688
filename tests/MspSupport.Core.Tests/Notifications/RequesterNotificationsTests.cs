using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>
/// The first attempt, as a ticket change triggers it: the requester's channel sends once; a failure worth retrying
/// (or a throw, or a caller that goes away mid-send) is kept as a pending notification; a permanent refusal, a channel
/// this host does not serve, or nothing to say leaves nothing to retry; and the change itself always stands.
/// </summary>
public sealed class RequesterNotificationsTests : IAsyncLifetime
{
    private NotificationRig _rig = null!;

    public async Task InitializeAsync() => _rig = await NotificationRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_change_is_sent_once_in_the_requesters_channel_only()
    {
        var id = await _rig.FileAsync();

        var after = await _rig.BobSetsStatusAsync(id, "in progress");

        var notice = Assert.Single(_rig.Slack.Accepted);
        Assert.Empty(_rig.Teams.Attempts);
        Assert.Equal($"Update on {id} from Bob: status is now In Progress.", notice.Headline);
        Assert.Equal((id, "In Progress", 2L), (notice.Card.TicketId, notice.Card.Status, notice.Card.Version));
        Assert.Equal($"slack:{id}:v{after.Version}", notice.NotificationId);
        Assert.Empty(await _rig.PendingAsync());
    }

    [Fact]
    public async Task The_same_change_delivered_again_is_not_sent_again()
    {
        var id = await _rig.FileAsync();
        var before = (await _rig.Service.GetAsync(NotificationRig.Bob, id, default)).Value!;
        var after = await _rig.BobSetsStatusAsync(id, "in progress");

        await _rig.Notifications.OnTicketChangedAsync(new TicketChange(TicketChangeKind.Updated, before, after, NotificationRig.Bob), default);

        Assert.Single(_rig.Slack.Attempts);
        Assert.Empty(await _rig.PendingAsync()); // the second delivery's outbox entry is taken out: it was sent already
    }

    [Fact]
    public async Task A_retryable_failure_is_kept_to_retry_after_the_interval_and_the_change_stands()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Answer(NotificationOutcome.FailedRetryable);

        var after = await _rig.BobSetsStatusAsync(id, "in progress");

        var pending = Assert.Single(await _rig.PendingAsync());
        Assert.Equal(new PendingNotification
        {
            NotificationId = $"slack:{id}:v2",
            TicketId = id,
            Channel = "slack",
            Version = 2,
            Headline = $"Update on {id} from Bob: status is now In Progress.",
            Attempts = 1,
            NextAttemptAt = _rig.Clock.GetUtcNow().AddSeconds(30),
            FirstAttemptAt = _rig.Clock.GetUtcNow(),
        }, pending);
        Assert.Equal(TicketStatus.InProgress, after.Status);
        Assert.Empty(_rig.Slack.Accepted);
        Assert.False(await _rig.Sent.WasSentAsync(pending.NotificationId, default));
    }

    [Fact]
    public async Task A_send_that_throws_counts_as_retryable()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Throw(_ => new HttpRequestException("503 Service Unavailable"));

        await _rig.BobSetsStatusAsync(id, "in progress");

        Assert.Equal([$"slack:{id}:v2"], (await _rig.PendingAsync()).Select(p => p.NotificationId));
        Assert.Contains("not notified: the send to slack failed", _rig.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_that_goes_away_mid_send_still_leaves_the_notification_to_retry()
    {
        var id = await _rig.FileAsync();
        using var request = new CancellationTokenSource();
        _rig.Slack.Throw(_ =>
        {
            request.Cancel();
            return new OperationCanceledException(request.Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _rig.Service.UpdateAsync(NotificationRig.Bob, id, new TicketChanges { Status = "in progress" }, null, request.Token));

        Assert.Equal([$"slack:{id}:v2"], (await _rig.PendingAsync()).Select(p => p.NotificationId));
        Assert.Equal(TicketStatus.InProgress, (await _rig.Service.GetAsync(NotificationRig.Bob, id, default)).Value!.Status);
    }

    [Fact]
    public async Task While_a_send_is_under_way_the_notification_is_already_in_the_outbox_so_a_crash_mid_send_loses_nothing()
    {
        var id = await _rig.FileAsync();
        IReadOnlyList<PendingNotification>? duringSend = null;
        _rig.Slack.Throw(_ =>
        {
            // What a process that dies here leaves behind: the outbox as it is during the send.
            duringSend = _rig.PendingAsync().GetAwaiter().GetResult();
            return new HttpRequestException("connection reset");
        });

        await _rig.BobSetsStatusAsync(id, "in progress");

        Assert.Equal([$"slack:{id}:v2"], duringSend!.Select(p => p.NotificationId));
        Assert.Equal([$"slack:{id}:v2"], (await _rig.PendingAsync()).Select(p => p.NotificationId));
    }

    [Fact]
    public async Task A_permanent_refusal_is_not_retried()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Answer(NotificationOutcome.FailedPermanent);

        await _rig.BobSetsStatusAsync(id, "in progress");

        Assert.Single(_rig.Slack.Attempts);
        Assert.Empty(await _rig.PendingAsync());
        Assert.Contains("refused the message for good", _rig.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_to_send_on_the_channel_is_not_retried()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Answer(NotificationOutcome.NotApplicable);

        await _rig.BobSetsStatusAsync(id, "in progress");

        Assert.Single(_rig.Slack.Attempts);
        Assert.Empty(await _rig.PendingAsync());
    }

    [Fact]
    public async Task A_ticket_filed_in_a_channel_this_host_does_not_serve_is_neither_sent_nor_kept()
    {
        var id = await _rig.FileAsync(channel: "web");

        await _rig.BobSetsStatusAsync(id, "in progress");

        Assert.Empty(_rig.Slack.Attempts);
        Assert.Empty(_rig.Teams.Attempts);
        Assert.Empty(await _rig.PendingAsync());
    }

    [Fact]
    public async Task The_requesters_own_change_and_an_internal_note_tell_them_nothing()
    {
        var id = await _rig.FileAsync();

        await _rig.Service.AddNoteAsync(NotificationRig.Alice, id, "It dropped again at 10:40.", isInternal: false, default);
        await _rig.Service.AddNoteAsync(NotificationRig.Bob, id, "Looks like the ISP.", isInternal: true, default);

        Assert.Empty(_rig.Slack.Attempts);
        Assert.Empty(await _rig.PendingAsync());
    }
}
