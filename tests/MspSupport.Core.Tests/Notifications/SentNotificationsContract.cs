using Microsoft.Extensions.Options;
using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tests.Tickets;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>
/// Requester notifications are at least once with dedupe, on every <see cref="ISentNotificationStore"/>: a change
/// delivered again sends nothing more, a failed or throwing send is not marked and the next delivery sends, a claim
/// left by a send that died is taken over after its lease, and a record expires after Notifications:SentRecordTtlHours.
/// One derived class per store supplies it, empty.
/// </summary>
public abstract class SentNotificationsContract : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(TestTickets.Epoch);
    private ISentNotificationStore? _store;

    private ISentNotificationStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    private SentNotifications Sent => new(Store, _clock, Options.Create(new NotificationOptions { SentRecordTtlHours = 72, SendLeaseSeconds = 120 }));

    /// <summary>Returns a new store over empty storage, already initialized.</summary>
    protected abstract Task<ISentNotificationStore> CreateEmptyStoreAsync();

    public async Task InitializeAsync() => _store = await CreateEmptyStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_change_delivered_three_times_is_sent_once()
    {
        var sends = 0;
        var notice = Notice(version: 2);

        var results = new List<NotificationOutcome?>();
        for (var delivery = 0; delivery < 3; delivery++)
        {
            results.Add(await Sent.SendOnceAsync(notice, _ => Outcome(++sends > 0), default));
        }

        Assert.Equal(1, sends);
        Assert.Equal([NotificationOutcome.Sent, null, null], results);
    }

    [Fact]
    public async Task The_next_change_of_the_same_ticket_is_sent_too()
    {
        var sends = 0;

        await Sent.SendOnceAsync(Notice(version: 2), _ => Outcome(++sends > 0), default);
        await Sent.SendOnceAsync(Notice(version: 3), _ => Outcome(++sends > 0), default);

        Assert.Equal(2, sends);
    }

    [Fact]
    public async Task A_refused_send_is_not_marked_sent_and_the_redelivery_sends()
    {
        var attempts = 0;
        var notice = Notice(version: 2);

        var refused = await Sent.SendOnceAsync(notice, _ => Outcome(++attempts > 1), default);
        var retried = await Sent.SendOnceAsync(notice, _ => Outcome(++attempts > 1), default);
        var again = await Sent.SendOnceAsync(notice, _ => Outcome(++attempts > 1), default);

        Assert.Equal(NotificationOutcome.FailedRetryable, refused);
        Assert.Equal(NotificationOutcome.Sent, retried);
        Assert.Null(again);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_send_that_throws_is_not_marked_sent_and_the_redelivery_sends()
    {
        var notice = Notice(version: 2);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sent.SendOnceAsync(notice, _ => throw new HttpRequestException("503 from the connector"), default));
        var retried = await Sent.SendOnceAsync(notice, _ => Outcome(true), default);

        Assert.Equal(NotificationOutcome.Sent, retried);
    }

    [Fact]
    public async Task A_claim_left_by_a_send_that_died_is_taken_over_after_its_lease_and_not_before()
    {
        var notice = Notice(version: 2);
        Assert.True(await Store.TryClaimAsync(notice.NotificationId, _clock.GetUtcNow(), _clock.GetUtcNow().AddSeconds(120), default));

        var meanwhile = await Sent.SendOnceAsync(notice, _ => Outcome(true), default);
        _clock.Advance(TimeSpan.FromSeconds(121));
        var afterLease = await Sent.SendOnceAsync(notice, _ => Outcome(true), default);

        Assert.Null(meanwhile);
        Assert.Equal(NotificationOutcome.Sent, afterLease);
    }

    [Fact]
    public async Task A_sent_record_is_kept_for_its_lifetime_and_then_forgotten()
    {
        var sends = 0;
        var notice = Notice(version: 2);
        await Sent.SendOnceAsync(notice, _ => Outcome(++sends > 0), default);

        _clock.Advance(TimeSpan.FromHours(71));
        await Sent.SendOnceAsync(notice, _ => Outcome(++sends > 0), default);
        _clock.Advance(TimeSpan.FromHours(2));
        await Sent.SendOnceAsync(notice, _ => Outcome(++sends > 0), default);

        Assert.Equal(2, sends);
    }

    [Fact]
    public async Task A_permanent_refusal_is_not_marked_sent()
    {
        var notice = Notice(version: 2);

        var refused = await Sent.SendOnceAsync(notice, _ => Task.FromResult(NotificationOutcome.FailedPermanent), default);

        Assert.Equal(NotificationOutcome.FailedPermanent, refused);
        Assert.False(await Sent.WasSentAsync(notice.NotificationId, default));
        Assert.Equal(NotificationOutcome.Sent, await Sent.SendOnceAsync(notice, _ => Outcome(true), default));
    }

    [Fact]
    public async Task Was_sent_holds_for_a_sent_notification_only_and_only_while_its_record_lives()
    {
        var sent = Notice(version: 2);
        var claimed = Notice(version: 3);
        await Sent.SendOnceAsync(sent, _ => Outcome(true), default);
        Assert.True(await Store.TryClaimAsync(claimed.NotificationId, _clock.GetUtcNow(), _clock.GetUtcNow().AddSeconds(120), default));

        Assert.True(await Sent.WasSentAsync(sent.NotificationId, default));
        Assert.False(await Sent.WasSentAsync(claimed.NotificationId, default));
        Assert.False(await Sent.WasSentAsync(Notice(version: 4).NotificationId, default));
        _clock.Advance(TimeSpan.FromHours(73));
        Assert.False(await Sent.WasSentAsync(sent.NotificationId, default));
    }

    private static Task<NotificationOutcome> Outcome(bool accepted) =>
        Task.FromResult(accepted ? NotificationOutcome.Sent : NotificationOutcome.FailedRetryable);

    private static RequesterNotice Notice(long version)
    {
        var requester = new CallerIdentity { Channel = "slack", UserId = "U-ALICE", TenantId = "T1", Role = CallerRole.Customer, CustomerId = "contoso" };
        var ticket = TestTickets.New() with { TicketId = "TKT-1KQ3M8Z-X4F7Q", Version = version };
        var reference = new ConversationReference { Channel = "slack", ConversationId = "C1", UserId = "U-ALICE", TenantId = "T1" };
        var card = TicketCards.Ticket(requester, ticket, "Update");
        return new RequesterNotice(reference, requester, "Update", card, $"slack:{ticket.TicketId}:v{version}");
    }
}
