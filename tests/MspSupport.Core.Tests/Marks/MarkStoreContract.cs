using MspSupport.Core.Marks;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Marks;

/// <summary>
/// What every <see cref="IMarkStore"/> must do; one derived class per implementation. <see cref="OpenStoreAsync"/>
/// opens another store object on the same storage each time it is called, as a second host instance would.
/// </summary>
public abstract class MarkStoreContract : IAsyncLifetime
{
    private IMarkStore? _store;

    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected IMarkStore Store => _store ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    protected static CancellationToken Ct => CancellationToken.None;

    protected abstract Task<IMarkStore> OpenStoreAsync();

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_first_claim_wins_and_the_next_is_refused_while_the_mark_lives()
    {
        Assert.True(await Store.TryClaimAsync("slack/event/Ev1", TimeSpan.FromHours(1), Ct));
        Assert.False(await Store.TryClaimAsync("slack/event/Ev1", TimeSpan.FromHours(1), Ct));
        Assert.True(await Store.TryClaimAsync("slack/event/Ev2", TimeSpan.FromHours(1), Ct));
        Assert.True(await Store.ExistsAsync("slack/event/Ev1", Ct));
        Assert.False(await Store.ExistsAsync("slack/event/Ev3", Ct));
    }

    [Fact]
    public async Task Of_many_instances_claiming_one_key_at_once_exactly_one_wins()
    {
        var stores = new List<IMarkStore> { Store };
        for (var i = 0; i < 3; i++)
        {
            stores.Add(await OpenStoreAsync());
        }

        var claims = Enumerable.Range(0, 24).Select(i => Task.Run(() => stores[i % stores.Count].TryClaimAsync("slack/event/EvRace", TimeSpan.FromHours(1), Ct)));
        var won = await Task.WhenAll(claims);

        Assert.Single(won, w => w);
    }

    [Fact]
    public async Task An_expired_mark_reads_as_absent_and_can_be_claimed_again()
    {
        Assert.True(await Store.TryClaimAsync("slack/event/EvOld", TimeSpan.FromHours(1), Ct));

        Time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(await Store.ExistsAsync("slack/event/EvOld", Ct));
        Assert.False(await Store.TryClaimAsync("slack/event/EvOld", TimeSpan.FromHours(1), Ct));

        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await Store.ExistsAsync("slack/event/EvOld", Ct));
        Assert.True(await Store.TryClaimAsync("slack/event/EvOld", TimeSpan.FromHours(1), Ct));
        Assert.False(await Store.TryClaimAsync("slack/event/EvOld", TimeSpan.FromHours(1), Ct));
    }

    [Fact]
    public async Task Setting_a_mark_again_moves_its_expiry()
    {
        await Store.SetAsync("slack/thread/T1/C1/1.0", TimeSpan.FromDays(30), Ct);
        Time.Advance(TimeSpan.FromDays(20));
        await Store.SetAsync("slack/thread/T1/C1/1.0", TimeSpan.FromDays(30), Ct);

        Time.Advance(TimeSpan.FromDays(29));
        Assert.True(await Store.ExistsAsync("slack/thread/T1/C1/1.0", Ct));
        Time.Advance(TimeSpan.FromDays(1));
        Assert.False(await Store.ExistsAsync("slack/thread/T1/C1/1.0", Ct));
    }

    [Fact]
    public async Task A_removed_mark_is_gone_and_can_be_claimed()
    {
        Assert.True(await Store.TryClaimAsync("slack/event/EvGone", TimeSpan.FromHours(1), Ct));
        await Store.RemoveAsync("slack/event/EvGone", Ct);

        Assert.False(await Store.ExistsAsync("slack/event/EvGone", Ct));
        Assert.True(await Store.TryClaimAsync("slack/event/EvGone", TimeSpan.FromHours(1), Ct));
    }

    [Fact]
    public async Task A_second_instance_sees_the_first_ones_marks()
    {
        var other = await OpenStoreAsync();
        await Store.SetAsync("slack/thread/T1/C1/2.0", TimeSpan.FromDays(30), Ct);
        Assert.True(await Store.TryClaimAsync("slack/event/EvShared", TimeSpan.FromHours(1), Ct));

        Assert.True(await other.ExistsAsync("slack/thread/T1/C1/2.0", Ct));
        Assert.False(await other.TryClaimAsync("slack/event/EvShared", TimeSpan.FromHours(1), Ct));
    }
}
