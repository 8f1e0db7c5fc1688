using MspSupport.Core.Cards;
using MspSupport.Core.Handoff;
using MspSupport.Core.Notifications;

namespace MspSupport.Core.Tests.Handoff;

/// <summary>What every <see cref="IHandoffStore"/> must do; one derived class per implementation, each test on empty storage.</summary>
public abstract class HandoffStoreContract : IAsyncLifetime
{
    private IHandoffStore? _store;

    protected IHandoffStore Store => _store ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    protected static CancellationToken Ct => CancellationToken.None;

    protected abstract Task<IHandoffStore> OpenStoreAsync();

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Saved_case_reads_back_by_ticket_and_by_conversation_with_every_field()
    {
        var saved = Case("TKT-1", "web:conv-1") with
        {
            Owner = "Bob",
            Draft = new PendingDraft("d-1", "Restart it [1].", [new NumberedCitation(1, "Restart", "Steps", "https://kb/1")], "How?"),
            Triage = new TriageThread("teams", "https://smba.example/", "19:x@thread.tacv2", "1700000000"),
            ProcessedActions = ["a-1"],
            LastDeliveryError = "gone",
        };

        Assert.True(await Store.SaveAsync(saved, 0, Ct));
        var byTicket = await Store.GetAsync("TKT-1", Ct);
        var byConversation = await Store.FindByConversationAsync("web:conv-1", Ct);

        Assert.Equal(1, byTicket!.Version);
        Assert.Equal("Bob", byTicket.Owner);
        Assert.Equal("Restart it [1].", byTicket.Draft!.Text);
        Assert.Equal("https://kb/1", byTicket.Draft.Citations[0].Link);
        Assert.Equal("1700000000", byTicket.Triage!.ActivityId);
        Assert.Equal(["a-1"], byTicket.ProcessedActions);
        Assert.Equal("web", byTicket.Customer!.Channel);
        Assert.Equal(HandoffMode.Human, byTicket.Mode);
        Assert.Equal("TKT-1", byConversation!.TicketId);
    }

    [Fact]
    public async Task Stale_version_is_refused_and_changes_nothing()
    {
        await Store.SaveAsync(Case("TKT-2", "web:conv-2"), 0, Ct);
        var first = (await Store.GetAsync("TKT-2", Ct))!;

        Assert.True(await Store.SaveAsync(first with { Owner = "Bob" }, first.Version, Ct));
        Assert.False(await Store.SaveAsync(first with { Owner = "Carol" }, first.Version, Ct));
        Assert.False(await Store.SaveAsync(Case("TKT-2", "web:conv-2"), 0, Ct));

        var stored = (await Store.GetAsync("TKT-2", Ct))!;
        Assert.Equal("Bob", stored.Owner);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task The_newest_case_of_a_conversation_is_found_and_unknown_ids_are_null()
    {
        await Store.SaveAsync(Case("TKT-3", "slack:C1:1.0") with { Closed = true, CreatedAt = DateTimeOffset.UtcNow.AddHours(-1) }, 0, Ct);
        await Store.SaveAsync(Case("TKT-4", "slack:C1:1.0"), 0, Ct);

        Assert.Equal("TKT-4", (await Store.FindByConversationAsync("slack:C1:1.0", Ct))!.TicketId);
        Assert.True((await Store.GetAsync("TKT-3", Ct))!.Closed);
        Assert.Null(await Store.GetAsync("TKT-none", Ct));
        Assert.Null(await Store.FindByConversationAsync("web:none", Ct));
    }

    [Fact]
    public async Task A_tickets_case_cannot_be_started_again_from_another_conversation()
    {
        Assert.True(await Store.SaveAsync(Case("TKT-5", "web:conv-5"), 0, Ct));

        Assert.False(await Store.SaveAsync(Case("TKT-5", "web:conv-6") with { Owner = "Mallory" }, 0, Ct));

        Assert.Null(await Store.FindByConversationAsync("web:conv-6", Ct));
        var stored = (await Store.GetAsync("TKT-5", Ct))!;
        Assert.Equal("web:conv-5", stored.ConversationId);
        Assert.Null(stored.Owner);
    }

    [Fact]
    public async Task Updating_an_older_case_keeps_the_newest_case_of_the_conversation()
    {
        await Store.SaveAsync(Case("TKT-6", "web:conv-7"), 0, Ct);
        await Store.SaveAsync(Case("TKT-7", "web:conv-7"), 0, Ct);
        var older = (await Store.GetAsync("TKT-6", Ct))!;

        Assert.True(await Store.SaveAsync(older with { Closed = true }, older.Version, Ct));

        Assert.Equal("TKT-7", (await Store.FindByConversationAsync("web:conv-7", Ct))!.TicketId);
        Assert.True((await Store.GetAsync("TKT-6", Ct))!.Closed);
        Assert.False((await Store.GetAsync("TKT-7", Ct))!.Closed);
    }

    private static HandoffCase Case(string ticketId, string conversationId) => new()
    {
        TicketId = ticketId,
        CustomerId = "contoso",
        ConversationId = conversationId,
        Customer = new ConversationReference { Channel = "web", ConversationId = "conv", UserId = "u-1" },
        RequesterKey = "web::u-1",
        RequesterName = "Alice",
        Reason = "asked",
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };
}
