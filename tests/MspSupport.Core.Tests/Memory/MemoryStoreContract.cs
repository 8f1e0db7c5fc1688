using MspSupport.Core.Memory;

namespace MspSupport.Core.Tests.Memory;

/// <summary>
/// What every <see cref="IMemoryStore"/> must do. One derived class per implementation opens stores over storage of
/// its own, empty at the start of each test.
/// </summary>
public abstract class MemoryStoreContract : IAsyncLifetime
{
    protected const string Alice = "teams:tenant-1:alice";
    protected const string Bob = "slack:T01:bob";
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly List<IMemoryStore> _opened = [];
    private IMemoryStore? _store;

    protected IMemoryStore Store => _store ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>A new store instance over this test's storage, initialized.</summary>
    protected abstract Task<IMemoryStore> OpenStoreAsync();

    public async Task InitializeAsync() => _store = await OpenAsync();

    public virtual Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            (store as IDisposable)?.Dispose();
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Stored_memory_reads_back_with_every_field()
    {
        var fact = Fact(Alice, "f1", "Uses a Lenovo T14 laptop.", T0.AddMilliseconds(45));

        await Store.PutAsync(fact, Ct);

        Assert.Equal([fact], await Store.ListByActorAsync(Alice, Ct));
    }

    [Fact]
    public async Task Put_with_the_same_namespace_and_id_replaces_the_memory()
    {
        await Store.PutAsync(Fact(Alice, "f1", "Prefers email.", T0), Ct);
        var replacement = Fact(Alice, "f1", "Prefers Teams messages.", T0.AddMinutes(5));

        await Store.PutAsync(replacement, Ct);

        Assert.Equal([replacement], await Store.ListByActorAsync(Alice, Ct));
    }

    [Fact]
    public async Task Same_id_in_two_namespaces_is_two_memories()
    {
        var fact = Fact(Alice, "x", "A fact.", T0);
        var preference = Preference(Alice, "x", "A preference.", T0.AddMinutes(1));

        await Store.PutAsync(fact, Ct);
        await Store.PutAsync(preference, Ct);

        Assert.Equal([preference, fact], await Store.ListByActorAsync(Alice, Ct));
    }

    [Fact]
    public async Task Listing_by_actor_returns_every_namespace_newest_first()
    {
        var oldFact = Fact(Alice, "f1", "Office in Lyon.", T0);
        var summary = Summary(Alice, "s-1", "t1", "Printer fixed by reboot.", T0.AddHours(2));
        var preference = Preference(Alice, "p1", "Answers in French.", T0.AddHours(1));
        var newFact = Fact(Alice, "f2", "Moved to Paris.", T0.AddHours(3));
        foreach (var item in new[] { oldFact, summary, preference, newFact })
        {
            await Store.PutAsync(item, Ct);
        }

        Assert.Equal([newFact, summary, preference, oldFact], await Store.ListByActorAsync(Alice, Ct));
    }

    [Fact]
    public async Task Listing_a_namespace_returns_only_its_memories_newest_first()
    {
        var older = Summary(Alice, "s-1", "a", "First part.", T0);
        var newer = Summary(Alice, "s-1", "b", "Second part.", T0.AddMinutes(1));
        await Store.PutAsync(newer, Ct);
        await Store.PutAsync(older, Ct);
        await Store.PutAsync(Summary(Alice, "s-2", "c", "Another session.", T0.AddMinutes(2)), Ct);
        await Store.PutAsync(Fact(Alice, "f1", "A fact.", T0.AddMinutes(3)), Ct);

        Assert.Equal([newer, older], await Store.ListAsync(MemoryNamespaces.Summaries(Alice, "s-1"), Ct));
    }

    [Fact]
    public async Task Memories_at_the_same_time_list_in_a_stable_order()
    {
        var items = new[]
        {
            Preference(Alice, "b", "2", T0),
            Fact(Alice, "b", "1", T0),
            Fact(Alice, "a", "0", T0),
        };
        foreach (var item in items)
        {
            await Store.PutAsync(item, Ct);
        }

        Assert.Equal([items[2], items[1], items[0]], await Store.ListByActorAsync(Alice, Ct));
    }

    [Fact]
    public async Task Another_actors_memories_are_never_returned()
    {
        await Store.PutAsync(Fact(Alice, "f1", "Alice's fact.", T0), Ct);
        await Store.PutAsync(Fact(Bob, "f1", "Bob's fact.", T0.AddMinutes(1)), Ct);

        var alices = await Store.ListByActorAsync(Alice, Ct);
        var alicesFacts = await Store.ListAsync(MemoryNamespaces.Facts(Alice), Ct);

        Assert.Equal("Alice's fact.", Assert.Single(alices).Text);
        Assert.Equal("Alice's fact.", Assert.Single(alicesFacts).Text);
        Assert.Empty(await Store.ListByActorAsync("teams:tenant-1:nobody", Ct));
    }

    [Fact]
    public async Task Unknown_or_malformed_namespace_lists_nothing()
    {
        await Store.PutAsync(Fact(Alice, "f1", "A fact.", T0), Ct);

        Assert.Empty(await Store.ListAsync(MemoryNamespaces.Preferences(Alice), Ct));
        Assert.Empty(await Store.ListAsync("/facts", Ct));
        Assert.Empty(await Store.ListAsync("", Ct));
    }

    [Fact]
    public async Task Forget_removes_all_of_an_actors_memories_and_nothing_of_others()
    {
        await Store.PutAsync(Fact(Alice, "f1", "A fact.", T0), Ct);
        await Store.PutAsync(Preference(Alice, "p1", "A preference.", T0), Ct);
        await Store.PutAsync(Summary(Alice, "s-1", "t1", "A summary.", T0), Ct);
        var bobs = Fact(Bob, "f1", "Bob's fact.", T0);
        await Store.PutAsync(bobs, Ct);

        var deleted = await Store.DeleteByActorAsync(Alice, Ct);

        Assert.Equal(3, deleted);
        Assert.Empty(await Store.ListByActorAsync(Alice, Ct));
        Assert.Empty(await Store.ListAsync(MemoryNamespaces.Facts(Alice), Ct));
        Assert.Equal([bobs], await Store.ListByActorAsync(Bob, Ct));
        Assert.Equal(0, await Store.DeleteByActorAsync(Alice, Ct));
    }

    [Fact]
    public async Task Memory_filed_under_another_actors_namespace_is_refused()
    {
        var misfiled = Fact(Alice, "f1", "Alice's fact.", T0) with { Namespace = MemoryNamespaces.Facts(Bob) };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(misfiled, Ct));
        Assert.Empty(await Store.ListAsync(MemoryNamespaces.Facts(Bob), Ct));
    }

    [Fact]
    public async Task Initializing_twice_keeps_the_stored_memories()
    {
        var fact = Fact(Alice, "f1", "A fact.", T0);
        await Store.PutAsync(fact, Ct);

        await Store.InitializeAsync(Ct);
        var reopened = await OpenAsync();

        Assert.Equal([fact], await reopened.ListByActorAsync(Alice, Ct));
    }

    protected static MemoryItem Fact(string actor, string id, string text, DateTimeOffset at) =>
        new() { Namespace = MemoryNamespaces.Facts(actor), Id = id, ActorId = actor, Text = text, At = at };

    protected static MemoryItem Preference(string actor, string id, string text, DateTimeOffset at) =>
        new() { Namespace = MemoryNamespaces.Preferences(actor), Id = id, ActorId = actor, Text = text, At = at };

    protected static MemoryItem Summary(string actor, string session, string id, string text, DateTimeOffset at) =>
        new() { Namespace = MemoryNamespaces.Summaries(actor, session), Id = id, ActorId = actor, Text = text, At = at };

    private async Task<IMemoryStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }
}
