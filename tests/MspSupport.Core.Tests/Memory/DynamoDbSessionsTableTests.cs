using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Testing;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Memory;

/// <summary>
/// What only the DynamoDB stores have to get right: the seed's item layout, conversations and memories side by side in
/// one table and one index, pages of the index, and the table's creation. Each test gets its own table on dynalite.
/// </summary>
public sealed class DynamoDbSessionsTableTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Alice = "teams:tenant-1:alice";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(T0);

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Created_table_has_the_seeds_key_and_user_index()
    {
        var (_, _, table) = await NewStoresAsync();

        var description = (await dynalite.Client.DescribeTableAsync(table, Ct)).Table;

        Assert.Equal("SessionId", Assert.Single(description.KeySchema).AttributeName);
        var index = Assert.Single(description.GlobalSecondaryIndexes);
        Assert.Equal("UserIndex", index.IndexName);
        Assert.Equal("UserId", Assert.Single(index.KeySchema).AttributeName);
        Assert.Equal(ProjectionType.ALL, index.Projection.ProjectionType);
    }

    [Fact]
    public async Task Conversation_is_one_item_with_the_seeds_attributes_and_ttl_in_epoch_seconds()
    {
        var (conversations, _, table) = await NewStoresAsync();
        var conversation = new Conversation
        {
            ConversationId = "teams:19:abc@thread.v2",
            UserId = Alice,
            Messages = [new ConversationMessage("user", "Printer is jammed", T0.AddMilliseconds(5), "Alice")],
            State = new Dictionary<string, string> { ["lastTicket"] = "T-1" },
        };

        await conversations.SaveAsync(conversation, 0, Ct);
        var item = (await dynalite.Client.GetItemAsync(table, new() { ["SessionId"] = new AttributeValue { S = conversation.ConversationId } }, Ct)).Item;

        Assert.Equal(Alice, item["UserId"].S);
        Assert.Equal("1", item["Version"].N);
        Assert.Equal("2026-03-02T09:30:00.000Z", item["UpdatedAt"].S);
        Assert.Equal(T0.AddDays(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["ExpiresAt"].N);
        Assert.Equal("T-1", item["State"].M["lastTicket"].S);
        var message = Assert.Single(item["Messages"].L).M;
        Assert.Equal("Printer is jammed", message["Text"].S);
        Assert.Equal("2026-03-02T09:30:00.005Z", message["At"].S);
    }

    [Fact]
    public async Task Memory_is_an_item_keyed_by_namespace_and_id_under_the_actor()
    {
        var (_, memories, table) = await NewStoresAsync();

        await memories.PutAsync(Fact("f1", T0), Ct);
        var item = (await dynalite.Client.GetItemAsync(table, new() { ["SessionId"] = new AttributeValue { S = $"MEMORY#/facts/{Alice}#f1" } }, Ct)).Item;

        Assert.Equal(Alice, item["UserId"].S);
        Assert.Equal($"/facts/{Alice}", item["Namespace"].S);
        Assert.False(item.ContainsKey("ExpiresAt"));
    }

    [Fact]
    public async Task Forgetting_memories_keeps_the_users_conversations_and_the_other_way_round()
    {
        var (conversations, memories, _) = await NewStoresAsync();
        await conversations.SaveAsync(new Conversation { ConversationId = "c1", UserId = Alice }, 0, Ct);
        await memories.PutAsync(Fact("f1", T0), Ct);

        Assert.Equal(1, await memories.DeleteByActorAsync(Alice, Ct));
        Assert.NotNull(await conversations.GetAsync("c1", Ct));

        await memories.PutAsync(Fact("f2", T0), Ct);
        Assert.Equal(1, await conversations.DeleteByUserAsync(Alice, Ct));
        Assert.Single(await memories.ListByActorAsync(Alice, Ct));
    }

    [Fact]
    public async Task Memory_keys_are_not_conversations()
    {
        var (conversations, memories, _) = await NewStoresAsync();
        await memories.PutAsync(Fact("f1", T0), Ct);

        Assert.Null(await conversations.GetAsync($"MEMORY#/facts/{Alice}#f1", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            conversations.SaveAsync(new Conversation { ConversationId = $"MEMORY#/facts/{Alice}#f1", UserId = Alice }, 0, Ct));
        Assert.Single(await memories.ListByActorAsync(Alice, Ct));
    }

    [Fact]
    public async Task Listing_and_forgetting_read_every_page_of_the_index()
    {
        var (_, memories, _) = await NewStoresAsync();
        // Five items of ~300 KB: a query page stops once it has read 1 MB, so the fifth comes on a second page.
        var big = new string('x', 300_000);
        for (var i = 0; i < 5; i++)
        {
            await memories.PutAsync(Fact($"f{i}", T0.AddMinutes(i)) with { Text = big }, Ct);
        }

        var listed = await memories.ListByActorAsync(Alice, Ct);

        Assert.Equal(["f4", "f3", "f2", "f1", "f0"], listed.Select(m => m.Id));
        Assert.Equal(5, await memories.DeleteByActorAsync(Alice, Ct));
        Assert.Empty(await memories.ListByActorAsync(Alice, Ct));
    }

    [Fact]
    public async Task Expired_conversation_left_behind_by_ttl_is_deleted_by_forget_me()
    {
        var (conversations, _, table) = await NewStoresAsync();
        await conversations.SaveAsync(new Conversation { ConversationId = "c1", UserId = Alice }, 0, Ct);
        _clock.Advance(TimeSpan.FromDays(31));

        Assert.Equal(0, await conversations.DeleteByUserAsync(Alice, Ct));
        Assert.Empty((await dynalite.Client.GetItemAsync(table, new() { ["SessionId"] = new AttributeValue { S = "c1" } }, Ct)).Item ?? []);
    }

    [Fact]
    public async Task Missing_table_without_create_tables_names_the_setting()
    {
        var options = dynalite.SessionsStorageOptionsFor(dynalite.NewTableName(nameof(DynamoDbSessionsTableTests)));
        options.Value.DynamoDb.CreateTables = false;
        var store = new DynamoDbMemoryStore(dynalite.Client, options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));

        Assert.Contains("Storage:DynamoDb:SessionsTable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ttl_refusal_is_tolerated_only_from_a_local_peer()
    {
        var table = dynalite.NewTableName(nameof(DynamoDbSessionsTableTests));

        await DynamoDbSessionsTable.EnsureAsync(dynalite.Client, table, create: true, localPeer: true, Ct);
        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() =>
            DynamoDbSessionsTable.EnsureAsync(dynalite.Client, table, create: true, localPeer: false, Ct));

        Assert.Equal("UnknownOperationException", error.ErrorCode);
    }

    [Fact]
    public async Task Both_stores_creating_the_table_at_once_is_safe()
    {
        var options = dynalite.SessionsStorageOptionsFor(dynalite.NewTableName(nameof(DynamoDbSessionsTableTests)));
        var conversations = new DynamoDbConversationStore(dynalite.Client, options, Options.Create(new MemoryOptions()), _clock);
        var memories = new DynamoDbMemoryStore(dynalite.Client, options);

        await Task.WhenAll(conversations.InitializeAsync(Ct), memories.InitializeAsync(Ct), memories.InitializeAsync(Ct));
        await memories.PutAsync(Fact("f1", T0), Ct);

        Assert.Single(await memories.ListByActorAsync(Alice, Ct));
    }

    private static MemoryItem Fact(string id, DateTimeOffset at) =>
        new() { Namespace = MemoryNamespaces.Facts(Alice), Id = id, ActorId = Alice, Text = "A fact.", At = at };

    private async Task<(DynamoDbConversationStore Conversations, DynamoDbMemoryStore Memories, string Table)> NewStoresAsync()
    {
        var table = dynalite.NewTableName(nameof(DynamoDbSessionsTableTests));
        var options = dynalite.SessionsStorageOptionsFor(table);
        var conversations = new DynamoDbConversationStore(dynalite.Client, options, Options.Create(new MemoryOptions()), _clock);
        var memories = new DynamoDbMemoryStore(dynalite.Client, options);
        await conversations.InitializeAsync(Ct);
        await memories.InitializeAsync(Ct);
        return (conversations, memories, table);
    }
}
