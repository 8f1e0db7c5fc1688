using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>
/// Redelivery of what failed, one pass at a time on a clock the test moves: nothing before it is due; sent once the
/// channel recovers, then forgotten; waits that double up to the maximum; given up with a warning after the maximum
/// age; never sent twice when another delivery got it out; and drawn from the ticket as it is now.
/// </summary>
public sealed class NotificationRedeliveryTests : IAsyncLifetime
{
    private NotificationRig _rig = null!;

    public async Task InitializeAsync() => _rig = await NotificationRig.StartAsync(new NotificationOptions
    {
        RedeliveryIntervalSeconds = 30,
        RedeliveryMaxIntervalSeconds = 100,
        RedeliveryMaxAgeHours = 24,
    });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_failed_notification_is_sent_once_when_it_is_due_and_the_channel_is_back()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Answer(NotificationOutcome.FailedRetryable);
        await _rig.BobSetsStatusAsync(id, "in progress");

        _rig.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await _rig.Redelivery.RunOnceAsync(default));
        Assert.Single(_rig.Slack.Attempts);

        _rig.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _rig.Redelivery.RunOnceAsync(default));
        _rig.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await _rig.Redelivery.RunOnceAsync(default));

        var notice = Assert.Single(_rig.Slack.Accepted);
        Assert.Equal($"Update on {id} from Bob: status is now In Progress.", notice.Headline);
        Assert.Equal($"slack:{id}:v2", notice.NotificationId);
        Assert.Empty(await _rig.PendingAsync());
        Assert.True(await _rig.Sent.WasSentAsync(notice.NotificationId, default));
        Assert.Contains("notified in slack on attempt 2", _rig.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_failure_doubles_the_wait_up_to_the_maximum_interval()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Then = NotificationOutcome.FailedRetryable;
        await _rig.BobSetsStatusAsync(id, "in progress");
        var waits = new List<(int Attempts, TimeSpan Wait)>();

        for (var pass = 0; pass < 4; pass++)
        {
            var entry = Assert.Single(await _rig.PendingAsync());
            waits.Add((entry.Attempts, entry.NextAttemptAt - _rig.Clock.GetUtcNow()));
            _rig.Clock.Advance(entry.NextAttemptAt - _rig.Clock.GetUtcNow());
            Assert.Equal(1, await _rig.Redelivery.RunOnceAsync(default));
        }

        Assert.Equal(
            [(1, TimeSpan.FromSeconds(30)), (2, TimeSpan.FromSeconds(60)), (3, TimeSpan.FromSeconds(100)), (4, TimeSpan.FromSeconds(100))],
            waits);
        Assert.Equal(5, _rig.Slack.Attempts.Count);
    }

    [Fact]
    public async Task After_the_maximum_age_the_notification_is_dropped_with_a_warning()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Then = NotificationOutcome.FailedRetryable;
        await _rig.BobSetsStatusAsync(id, "in progress");
        _rig.Clock.Advance(TimeSpan.FromHours(23));
        await _rig.Redelivery.RunOnceAsync(default);
        var attemptsBeforeTheEnd = _rig.Slack.Attempts.Count;

        _rig.Clock.Advance(TimeSpan.FromHours(1));
        await _rig.Redelivery.RunOnceAsync(default);

        Assert.Equal(2, attemptsBeforeTheEnd);
        Assert.Equal(2, _rig.Slack.Attempts.Count);
        Assert.Empty(await _rig.PendingAsync());
        Assert.Contains(_rig.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"Gave up notifying the requester of {id} in slack after 2 attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_notification_another_delivery_got_out_is_not_sent_again()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Answer(NotificationOutcome.FailedRetryable);
        await _rig.BobSetsStatusAsync(id, "in progress");
        var entry = Assert.Single(await _rig.PendingAsync());
        var other = await RequesterNotice.PrepareAgainAsync(entry, (await _rig.Service.GetAsync(NotificationRig.Bob, id, default)).Value!, _rig.References, _rig.Identities, default);
        Assert.Equal(NotificationOutcome.Sent, await _rig.Sent.SendOnceAsync(other!, _ => Task.FromResult(NotificationOutcome.Sent), default));

        _rig.Clock.Advance(TimeSpan.FromSeconds(30));
        await _rig.Redelivery.RunOnceAsync(default);

        Assert.Single(_rig.Slack.Attempts);
        Assert.Empty(await _rig.PendingAsync());
    }

    [Fact]
    public async Task A_notification_being_sent_elsewhere_is_kept_until_that_send_is_settled()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Answer(NotificationOutcome.FailedRetryable);
        await _rig.BobSetsStatusAsync(id, "in progress");
        _rig.Clock.Advance(TimeSpan.FromSeconds(30));
        var now = _rig.Clock.GetUtcNow();
        Assert.True(await _rig.SentStore.TryClaimAsync($"slack:{id}:v2", now, now.AddSeconds(120), default)); // a send that then dies

        await _rig.Redelivery.RunOnceAsync(default);
        var kept = Assert.Single(await _rig.PendingAsync());
        _rig.Clock.Advance(TimeSpan.FromSeconds(121));
        await _rig.Redelivery.RunOnceAsync(default);

        Assert.Equal((1, now.AddSeconds(30)), (kept.Attempts, kept.NextAttemptAt));
        Assert.Single(_rig.Slack.Accepted);
        Assert.Empty(await _rig.PendingAsync());
    }

    [Fact]
    public async Task The_retried_card_shows_the_ticket_as_it_is_now_for_what_the_requester_may_see()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Answer(NotificationOutcome.FailedRetryable);
        await _rig.BobSetsStatusAsync(id, "in progress");
        await _rig.Service.AddNoteAsync(NotificationRig.Bob, id, "Customer's router firmware is ancient.", isInternal: true, default);

        _rig.Clock.Advance(TimeSpan.FromSeconds(30));
        await _rig.Redelivery.RunOnceAsync(default);

        var notice = Assert.Single(_rig.Slack.Accepted);
        Assert.Equal(3, notice.Card.Version);
        Assert.Equal($"Update on {id} from Bob: status is now In Progress.", notice.Headline);
        Assert.DoesNotContain("firmware", notice.Card.ToPlainText(), StringComparison.Ordinal);
        Assert.Empty(notice.Card.Notes);
    }

    [Fact]
    public async Task A_ticket_deleted_meanwhile_is_not_retried()
    {
        var id = await _rig.FileAsync();
        _rig.Slack.Answer(NotificationOutcome.FailedRetryable);
        await _rig.BobSetsStatusAsync(id, "in progress");
        var admin = NotificationRig.Bob with { Role = CallerRole.Admin };
        Assert.Equal(TicketOutcome.Ok, (await _rig.Service.DeleteAsync(admin, id, null, default)).Outcome);

        _rig.Clock.Advance(TimeSpan.FromSeconds(30));
        await _rig.Redelivery.RunOnceAsync(default);

        Assert.Single(_rig.Slack.Attempts);
        Assert.Empty(await _rig.PendingAsync());
    }
}
