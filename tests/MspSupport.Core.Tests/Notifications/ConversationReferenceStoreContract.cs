using MspSupport.Core.Memory;
using MspSupport.Core.Notifications;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>
/// What every <see cref="IConversationReferenceStore"/> must do. One derived class per implementation opens stores
/// over storage of its own, empty at the start of each test; the memory stores it opens share that storage.
/// </summary>
public abstract class ConversationReferenceStoreContract : IAsyncLifetime
{
    protected const string Alice = "29:alice-aad";

    private readonly List<object> _opened = [];
    private IConversationReferenceStore? _store;

    protected IConversationReferenceStore Store => _store ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>A new store instance over this test's storage (as a second process would open it), initialized.</summary>
    protected abstract Task<IConversationReferenceStore> OpenStoreAsync();

    /// <summary>The memory stores of the same storage (same SQLite file, same sessions table), initialized.</summary>
    protected abstract Task<(IConversationStore Conversations, IMemoryStore Memories)> OpenMemoryStoresAsync();

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
    public async Task Saved_reference_reads_back_with_every_field()
    {
        var reference = Teams("conv-1");

        await Store.SaveAsync("T-20260302-0001", reference, Ct);

        Assert.Equal(reference, await Store.GetAsync("T-20260302-0001", Ct));
    }

    [Fact]
    public async Task Reference_without_optional_fields_reads_back_with_nulls()
    {
        var reference = new ConversationReference { Channel = "slack", ConversationId = "C0123", UserId = "U042" };

        await Store.SaveAsync("T-1", reference, Ct);
        var read = await Store.GetAsync("T-1", Ct);

        Assert.Equal(reference, read);
        Assert.Null(read!.ServiceUrl);
        Assert.Null(read.ThreadId);
        Assert.Null(read.BotId);
        Assert.Null(read.TenantId);
    }

    [Fact]
    public async Task Web_reference_keeps_its_empty_service_url()
    {
        var reference = new ConversationReference { Channel = "web", ConversationId = "w-7", ServiceUrl = "", UserId = "web:bob" };

        await Store.SaveAsync("T-1", reference, Ct);

        Assert.Equal("", (await Store.GetAsync("T-1", Ct))!.ServiceUrl);
    }

    [Fact]
    public async Task Unknown_ticket_reads_as_null()
    {
        await Store.SaveAsync("T-1", Teams("conv-1"), Ct);

        Assert.Null(await Store.GetAsync("T-2", Ct));
    }

    [Fact]
    public async Task Second_save_for_a_ticket_keeps_the_first_reference()
    {
        var first = Teams("conv-1");

        await Store.SaveAsync("T-1", first, Ct);
        await Store.SaveAsync("T-1", Teams("conv-2") with { UserId = "29:bob-aad" }, Ct);

        Assert.Equal(first, await Store.GetAsync("T-1", Ct));
    }

    [Fact]
    public async Task Concurrent_first_saves_from_two_instances_leave_exactly_one_of_them()
    {
        var other = await OpenAsync();
        var here = Teams("from-here");
        var there = Teams("from-there");

        await Task.WhenAll(
            Task.Run(() => Store.SaveAsync("T-1", here, Ct)),
            Task.Run(() => other.SaveAsync("T-1", there, Ct)));
        var read = await Store.GetAsync("T-1", Ct);

        Assert.Contains(read, new[] { here, there });
        Assert.Equal(read, await other.GetAsync("T-1", Ct));
    }

    [Fact]
    public async Task A_thread_is_attached_once_to_a_reference_in_its_conversation_and_every_other_field_stays()
    {
        var filed = new ConversationReference { Channel = "slack", ConversationId = "C0123", UserId = "U042", BotId = "B01" };
        await Store.SaveAsync("T-1", filed, Ct);

        Assert.True(await Store.AttachThreadAsync("T-1", "slack", "C0123", "1800000000.000100", Ct));
        Assert.False(await Store.AttachThreadAsync("T-1", "slack", "C0123", "1800000000.000200", Ct));

        Assert.Equal(filed with { ThreadId = "1800000000.000100" }, await Store.GetAsync("T-1", Ct));
    }

    [Theory]
    [InlineData("slack", "C0OTHER")]
    [InlineData("teams", "C0123")]
    public async Task A_thread_is_not_attached_to_a_reference_in_another_conversation(string channel, string conversationId)
    {
        var filed = new ConversationReference { Channel = "slack", ConversationId = "C0123", UserId = "U042" };
        await Store.SaveAsync("T-1", filed, Ct);

        Assert.False(await Store.AttachThreadAsync("T-1", channel, conversationId, "1800000000.000100", Ct));

        Assert.Equal(filed, await Store.GetAsync("T-1", Ct));
    }

    [Fact]
    public async Task A_thread_for_a_ticket_without_a_reference_creates_none()
    {
        Assert.False(await Store.AttachThreadAsync("T-404", "slack", "C0123", "1800000000.000100", Ct));

        Assert.Null(await Store.GetAsync("T-404", Ct));
    }

    [Fact]
    public async Task Initializing_twice_keeps_the_stored_references()
    {
        await Store.SaveAsync("T-1", Teams("conv-1"), Ct);

        await Store.InitializeAsync(Ct);
        var reopened = await OpenAsync();

        Assert.Equal(Teams("conv-1"), await reopened.GetAsync("T-1", Ct));
    }

    [Fact]
    public async Task Reference_is_neither_a_memory_nor_a_conversation_of_its_requester_and_survives_forget_me()
    {
        var (conversations, memories) = await OpenMemoryStoresAsync();
        await Store.SaveAsync("T-1", Teams("conv-1"), Ct);

        Assert.Empty(await memories.ListByActorAsync(Alice, Ct));
        Assert.Empty(await memories.ListByActorAsync("", Ct));
        Assert.Null(await conversations.GetAsync("conv-1", Ct));
        Assert.Null(await conversations.GetAsync("TICKETREF#T-1", Ct));
        Assert.Equal(0, await memories.DeleteByActorAsync(Alice, Ct));
        Assert.Equal(0, await conversations.DeleteByUserAsync(Alice, Ct));
        Assert.Equal(Teams("conv-1"), await Store.GetAsync("T-1", Ct));
    }

    protected static ConversationReference Teams(string conversationId) => new()
    {
        Channel = "teams",
        ConversationId = conversationId,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ThreadId = "1709371800123",
        BotId = "28:00000000-0000-0000-0000-000000000001",
        UserId = Alice,
        TenantId = "tenant-1",
    };

    private async Task<IConversationReferenceStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }
}
