using MspSupport.Core.Notifications;
using MspSupport.Core.Tests.Tickets;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>
/// The outbox of failed requester notifications, on every <see cref="IPendingNotificationStore"/>: an entry is due at
/// its next attempt time and not before, soonest first and no more than asked; adding it again keeps the first failure;
/// a reschedule moves it and counts the attempt; a removed entry stays removed, even when a late reschedule comes.
/// One derived class per store supplies it, empty.
/// </summary>
public abstract class PendingNotificationStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T = TestTickets.Epoch;

    private IPendingNotificationStore? _store;

    private IPendingNotificationStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Returns a new store over empty storage, already initialized.</summary>
    protected abstract Task<IPendingNotificationStore> CreateEmptyStoreAsync();

    public async Task InitializeAsync() => _store = await CreateEmptyStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_entry_is_due_at_its_next_attempt_and_not_before()
    {
        var entry = Entry(version: 2, nextIn: TimeSpan.FromSeconds(30));

        Assert.True(await Store.AddAsync(entry, default));

        Assert.Empty(await Store.DueAsync(T.AddSeconds(29.999), 10, default));
        Assert.Equal([entry], await Store.DueAsync(T.AddSeconds(30), 10, default));
    }

    [Fact]
    public async Task Adding_the_same_notification_again_keeps_its_first_failure_and_schedule()
    {
        var first = Entry(version: 2, nextIn: TimeSpan.FromSeconds(30));
        var again = first with { Attempts = 1, FirstAttemptAt = T.AddMinutes(5), NextAttemptAt = T.AddMinutes(6), Headline = "Another headline" };

        Assert.True(await Store.AddAsync(first, default));
        Assert.False(await Store.AddAsync(again, default));

        Assert.Equal([first], await Store.DueAsync(T.AddHours(1), 10, default));
    }

    [Fact]
    public async Task Due_entries_come_soonest_first_and_no_more_than_the_limit()
    {
        var late = Entry(version: 2, nextIn: TimeSpan.FromSeconds(50));
        var soon = Entry(version: 3, nextIn: TimeSpan.FromSeconds(10));
        var middle = Entry(version: 4, nextIn: TimeSpan.FromSeconds(30));
        var notYet = Entry(version: 5, nextIn: TimeSpan.FromMinutes(10));
        foreach (var entry in new[] { late, soon, middle, notYet })
        {
            await Store.AddAsync(entry, default);
        }

        Assert.Equal([soon, middle], await Store.DueAsync(T.AddMinutes(1), 2, default));
        Assert.Equal([soon, middle, late], await Store.DueAsync(T.AddMinutes(1), 10, default));
    }

    [Fact]
    public async Task A_reschedule_counts_the_attempt_and_moves_the_next_one()
    {
        var entry = Entry(version: 2, nextIn: TimeSpan.FromSeconds(30));
        await Store.AddAsync(entry, default);

        await Store.RescheduleAsync(entry.NotificationId, 2, T.AddSeconds(90), default);

        Assert.Empty(await Store.DueAsync(T.AddSeconds(89), 10, default));
        Assert.Equal([entry with { Attempts = 2, NextAttemptAt = T.AddSeconds(90) }], await Store.DueAsync(T.AddSeconds(90), 10, default));
    }

    [Fact]
    public async Task A_removed_entry_is_gone_and_a_late_reschedule_does_not_bring_it_back()
    {
        var removed = Entry(version: 2, nextIn: TimeSpan.Zero);
        var kept = Entry(version: 3, nextIn: TimeSpan.Zero);
        await Store.AddAsync(removed, default);
        await Store.AddAsync(kept, default);

        await Store.RemoveAsync(removed.NotificationId, default);
        await Store.RescheduleAsync(removed.NotificationId, 2, T.AddSeconds(1), default);
        await Store.RemoveAsync("teams:TKT-NEVER00-THERE:v1", default);

        Assert.Equal([kept], await Store.DueAsync(T.AddDays(1), 10, default));
    }

    [Fact]
    public async Task An_entry_keeps_every_field_it_was_given()
    {
        var entry = new PendingNotification
        {
            NotificationId = "slack:TKT-1KQ3M8Z-X4F7Q:v7",
            TicketId = "TKT-1KQ3M8Z-X4F7Q",
            Channel = "slack",
            Version = 7,
            Headline = "Update on TKT-1KQ3M8Z-X4F7Q from Bob (MSP): status is now Resolved, \"report.pdf\" was attached.",
            Attempts = 3,
            NextAttemptAt = T.AddMilliseconds(123),
            FirstAttemptAt = T.AddHours(-2).AddMilliseconds(7),
        };
        await Store.AddAsync(entry, default);

        var read = Assert.Single(await Store.DueAsync(T.AddSeconds(1), 10, default));

        Assert.Equal(entry, read);
    }

    private static PendingNotification Entry(long version, TimeSpan nextIn) => new()
    {
        NotificationId = $"teams:TKT-1KQ3M8Z-X4F7Q:v{version}",
        TicketId = "TKT-1KQ3M8Z-X4F7Q",
        Channel = "teams",
        Version = version,
        Headline = $"Update on TKT-1KQ3M8Z-X4F7Q from Bob (MSP): change {version}.",
        Attempts = 1,
        NextAttemptAt = T + nextIn,
        FirstAttemptAt = T,
    };
}
