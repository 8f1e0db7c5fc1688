using MspSupport.Core.Memory;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Memory;

/// <summary>
/// What every <see cref="IConversationStore"/> must do. One derived class per implementation opens stores over
/// storage of its own, empty at the start of each test; every store of one test shares that storage and <see cref="Clock"/>.
/// </summary>
public abstract class ConversationStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly List<IConversationStore> _opened = [];
    private IConversationStore? _store;

    /// <summary>The stores' clock; conversations are idle for the default 30 days before they expire.</summary>
    protected ManualTimeProvider Clock { get; } = new(T0);

    protected IConversationStore Store => _store ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>A new store instance over this test's storage (as a second process would open it), initialized.</summary>
    protected abstract Task<IConversationStore> OpenStoreAsync(MemoryOptions options);

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
    public async Task Saved_conversation_reads_back_with_its_messages_state_and_next_version()
    {
        var conversation = NewConversation("c1", "alice", 3) with
        {
            State = new Dictionary<string, string> { ["lastTicket"] = "T-20260302-0001", ["pending"] = "close" },
        };

        var saved = await Store.SaveAsync(conversation, expectedVersion: 0, Ct);
        var read = await Store.GetAsync("c1", Ct);

        Assert.True(saved);
        Assert.NotNull(read);
        Assert.Equal("c1", read.ConversationId);
        Assert.Equal("alice", read.UserId);
        Assert.Equal(conversation.Messages, read.Messages);
        Assert.Equal(conversation.State.OrderBy(p => p.Key), read.State.OrderBy(p => p.Key));
        Assert.Equal(1, read.Version);
        Assert.Equal(T0, read.UpdatedAt);
    }

    [Fact]
    public async Task Message_without_author_and_empty_state_read_back_as_saved()
    {
        var conversation = new Conversation
        {
            ConversationId = "c1",
            UserId = "alice",
            Messages = [new ConversationMessage("assistant", "Hello!", T0)],
        };

        await Store.SaveAsync(conversation, 0, Ct);
        var read = await Store.GetAsync("c1", Ct);

        Assert.Null(Assert.Single(read!.Messages).Author);
        Assert.Empty(read.State);
    }

    [Fact]
    public async Task Unknown_conversation_reads_as_null()
    {
        Assert.Null(await Store.GetAsync("never-saved", Ct));
    }

    [Fact]
    public async Task Only_the_last_20_messages_are_kept_in_order()
    {
        var conversation = NewConversation("c1", "alice", 25);

        await Store.SaveAsync(conversation, 0, Ct);
        var read = await Store.GetAsync("c1", Ct);

        Assert.Equal(Conversation.MaxMessages, read!.Messages.Count);
        Assert.Equal(Enumerable.Range(6, 20).Select(i => $"message {i}"), read.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Appending_turn_by_turn_keeps_the_newest_20()
    {
        var version = 0L;
        for (var turn = 1; turn <= 25; turn++)
        {
            var current = await Store.GetAsync("c1", Ct) ?? new Conversation { ConversationId = "c1", UserId = "alice" };
            var next = current with { Messages = [.. current.Messages, Message(turn)] };
            Assert.True(await Store.SaveAsync(next, version, Ct));
            version++;
        }

        var read = await Store.GetAsync("c1", Ct);

        Assert.Equal(25, read!.Version);
        Assert.Equal(Enumerable.Range(6, 20).Select(i => $"message {i}"), read.Messages.Select(m => m.Text));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("bob")] // a stale save that would also change the owner
    public async Task Save_with_a_stale_version_is_refused_and_changes_nothing(string owner)
    {
        await Store.SaveAsync(NewConversation("c1", "alice", 1), 0, Ct);
        await Store.SaveAsync(NewConversation("c1", "alice", 2), 1, Ct);

        var saved = await Store.SaveAsync(NewConversation("c1", owner, 5), 1, Ct);
        var read = await Store.GetAsync("c1", Ct);

        Assert.False(saved);
        Assert.Equal(("alice", 2, 2L), (read!.UserId, read.Messages.Count, read.Version));
    }

    [Fact]
    public async Task Second_insert_of_the_same_conversation_is_refused()
    {
        await Store.SaveAsync(NewConversation("c1", "alice", 1), 0, Ct);

        var saved = await Store.SaveAsync(NewConversation("c1", "bob", 3), 0, Ct);
        var read = await Store.GetAsync("c1", Ct);

        Assert.False(saved);
        Assert.Equal("alice", read!.UserId);
        Assert.Single(read.Messages);
    }

    [Fact]
    public async Task Save_expecting_a_version_of_a_conversation_never_stored_is_refused()
    {
        Assert.False(await Store.SaveAsync(NewConversation("c1", "alice", 1), 3, Ct));
        Assert.Null(await Store.GetAsync("c1", Ct));
    }

    [Fact]
    public async Task Two_concurrent_saves_of_one_version_let_exactly_one_win()
    {
        // Two instances over the same storage, as two bot instances behind a load balancer would be.
        var other = await OpenAsync();
        await Store.SaveAsync(NewConversation("c1", "alice", 1), 0, Ct);

        for (var version = 1L; version <= 10; version++)
        {
            var fromHere = NewConversation("c1", "alice", 2) with { State = new Dictionary<string, string> { ["by"] = "here" } };
            var fromThere = NewConversation("c1", "alice", 3) with { State = new Dictionary<string, string> { ["by"] = "there" } };

            var results = await Task.WhenAll(
                Task.Run(() => Store.SaveAsync(fromHere, version, Ct)),
                Task.Run(() => other.SaveAsync(fromThere, version, Ct)));

            Assert.Single(results, won => won);
            var read = await Store.GetAsync("c1", Ct);
            Assert.Equal(version + 1, read!.Version);
            Assert.Equal(results[0] ? "here" : "there", read.State["by"]);
        }
    }

    [Fact]
    public async Task Delete_by_user_removes_only_that_users_conversations()
    {
        await Store.SaveAsync(NewConversation("a1", "alice", 1), 0, Ct);
        await Store.SaveAsync(NewConversation("a2", "alice", 1), 0, Ct);
        await Store.SaveAsync(NewConversation("b1", "bob", 1), 0, Ct);

        var deleted = await Store.DeleteByUserAsync("alice", Ct);

        Assert.Equal(2, deleted);
        Assert.Null(await Store.GetAsync("a1", Ct));
        Assert.Null(await Store.GetAsync("a2", Ct));
        Assert.NotNull(await Store.GetAsync("b1", Ct));
        Assert.Equal(0, await Store.DeleteByUserAsync("alice", Ct));
    }

    [Fact]
    public async Task Conversation_idle_past_its_ttl_reads_as_null()
    {
        await Store.SaveAsync(NewConversation("c1", "alice", 1), 0, Ct);

        Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await Store.GetAsync("c1", Ct));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Store.GetAsync("c1", Ct));
    }

    [Fact]
    public async Task Every_save_moves_the_expiry_ahead()
    {
        await Store.SaveAsync(NewConversation("c1", "alice", 1), 0, Ct);
        Clock.Advance(TimeSpan.FromDays(20));
        await Store.SaveAsync(NewConversation("c1", "alice", 2), 1, Ct);

        Clock.Advance(TimeSpan.FromDays(20));
        var read = await Store.GetAsync("c1", Ct);

        Assert.NotNull(read);
        Assert.Equal(T0.AddDays(20), read.UpdatedAt);
    }

    [Fact]
    public async Task Configured_ttl_decides_when_a_conversation_expires()
    {
        var store = await OpenAsync(new MemoryOptions { ConversationTtlDays = 1 });
        await store.SaveAsync(NewConversation("c1", "alice", 1), 0, Ct);

        Clock.Advance(TimeSpan.FromDays(1));

        Assert.Null(await store.GetAsync("c1", Ct));
    }

    [Fact]
    public async Task Expired_conversation_starts_afresh_and_its_old_version_is_refused()
    {
        await Store.SaveAsync(NewConversation("c1", "alice", 1), 0, Ct);
        Clock.Advance(TimeSpan.FromDays(31));

        var resumed = await Store.SaveAsync(NewConversation("c1", "alice", 2), 1, Ct);
        var restarted = await Store.SaveAsync(NewConversation("c1", "alice", 3), 0, Ct);
        var read = await Store.GetAsync("c1", Ct);

        Assert.False(resumed);
        Assert.True(restarted);
        Assert.Equal(1, read!.Version);
        Assert.Equal(3, read.Messages.Count);
    }

    [Fact]
    public async Task Expired_conversations_are_not_counted_by_delete_by_user()
    {
        await Store.SaveAsync(NewConversation("old", "alice", 1), 0, Ct);
        Clock.Advance(TimeSpan.FromDays(31));
        await Store.SaveAsync(NewConversation("new", "alice", 1), 0, Ct);

        Assert.Equal(1, await Store.DeleteByUserAsync("alice", Ct));
        Assert.Null(await Store.GetAsync("new", Ct));
    }

    [Fact]
    public async Task Initializing_twice_keeps_the_stored_conversations()
    {
        await Store.SaveAsync(NewConversation("c1", "alice", 2), 0, Ct);

        await Store.InitializeAsync(Ct);
        var reopened = await OpenAsync();

        Assert.Equal(2, (await reopened.GetAsync("c1", Ct))!.Messages.Count);
    }

    [Fact]
    public async Task Later_save_with_a_new_owner_moves_the_conversation_to_that_owner()
    {
        await Store.SaveAsync(NewConversation("c1", "alice", 1), 0, Ct);

        var saved = await Store.SaveAsync(NewConversation("c1", "bob", 2), 1, Ct);

        Assert.True(saved);
        Assert.Equal("bob", (await Store.GetAsync("c1", Ct))!.UserId);
        Assert.Equal(0, await Store.DeleteByUserAsync("alice", Ct));
        Assert.Equal(1, await Store.DeleteByUserAsync("bob", Ct));
    }

    [Fact]
    public async Task Text_with_quotes_apostrophes_controls_and_any_script_reads_back_unchanged()
    {
        const string text = "It's \"urgent\": C:\\Users\\ana\t<b>&amp;</b> \u2028 caf\u00e9 \u65e5\u672c \ud83d\ude80 \u0000 end";
        var conversation = NewConversation("c1", "alice", 0) with { Messages = [new ConversationMessage("user", text, T0, "Zo\u00eb O'Brien")] };

        await Store.SaveAsync(conversation, 0, Ct);
        var read = Assert.Single((await Store.GetAsync("c1", Ct))!.Messages);

        Assert.Equal(text, read.Text);
        Assert.Equal("Zo\u00eb O'Brien", read.Author);
    }

    [Fact]
    public async Task Conversation_without_an_owner_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync(NewConversation("c1", "", 1), 0, Ct));
    }

    protected static ConversationMessage Message(int number) =>
        new(number % 2 == 1 ? "user" : "assistant", $"message {number}", T0.AddSeconds(number).AddMilliseconds(7), number % 2 == 1 ? "Alice" : null);

    protected static Conversation NewConversation(string id, string userId, int messages) => new()
    {
        ConversationId = id,
        UserId = userId,
        Messages = Enumerable.Range(1, messages).Select(Message).ToList(),
        State = new Dictionary<string, string>(),
    };

    private async Task<IConversationStore> OpenAsync(MemoryOptions? options = null)
    {
        var store = await OpenStoreAsync(options ?? new MemoryOptions());
        _opened.Add(store);
        return store;
    }
}
