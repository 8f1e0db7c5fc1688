using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Memory;

public sealed class SqliteConversationStoreContractTests : ConversationStoreContract
{
    private readonly TemporarySqlite _sqlite = new();

    protected override async Task<IConversationStore> OpenStoreAsync(MemoryOptions options)
    {
        var store = new SqliteConversationStore(_sqlite.Storage, Options.Create(options), Clock);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task Body_is_kept_as_json_text_that_sqlite_itself_can_read()
    {
        await Store.SaveAsync(NewConversation("c1", "alice", 2) with { State = new Dictionary<string, string> { ["note"] = "it's done" } }, 0, CancellationToken.None);

        var row = Assert.Single(await QueryAsync(
            "SELECT typeof(body), json_valid(body), json_extract(body, '$.state.note') FROM conversations WHERE conversation_id = 'c1';",
            r => (r.GetString(0), r.GetInt64(1), r.GetString(2))));

        Assert.Equal(("text", 1L, "it's done"), row);
    }

    [Fact]
    public async Task Conversation_written_by_an_earlier_release_reads_back_and_saves_on()
    {
        // As the store wrote it before: a TEXT body with the default encoder's escapes, and the expiry index.
        await QueryAsync("""
            CREATE INDEX IF NOT EXISTS ix_conversations_expires ON conversations (expires_at);
            INSERT INTO conversations (conversation_id, user_id, version, updated_at, expires_at, body)
            VALUES ('c1', 'alice', 4, '2026-03-02T09:30:00.000Z', 4102444800,
                    '{"conversationId":"c1","userId":"alice","messages":[{"role":"user","text":"it\u0027s caf\u00E9","at":"2026-03-02T09:30:00.000Z","author":"Alice"}],"state":{},"version":4,"updatedAt":"2026-03-02T09:30:00.000Z"}');
            """, _ => 0);

        var read = await Store.GetAsync("c1", CancellationToken.None);
        var saved = await (await OpenStoreAsync(new MemoryOptions())).SaveAsync(read!, 4, CancellationToken.None);

        Assert.Equal("it's café", Assert.Single(read!.Messages).Text);
        Assert.True(saved);
        Assert.Equal(5, (await Store.GetAsync("c1", CancellationToken.None))!.Version);
        Assert.Equal(["ix_conversations_user"], await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'conversations' AND sql IS NOT NULL;", r => r.GetString(0)));
    }

    [Fact]
    public async Task Conversation_saved_here_is_read_from_memory_until_a_refused_save_shows_a_change_made_elsewhere()
    {
        await Store.SaveAsync(NewConversation("c1", "alice", 2), 0, CancellationToken.None);
        await ChangeElsewhereAsync("c1");

        var fromMemory = await Store.GetAsync("c1", CancellationToken.None);
        var saved = await Store.SaveAsync(fromMemory!, 1, CancellationToken.None);
        var afterRefusal = await Store.GetAsync("c1", CancellationToken.None);

        Assert.Equal((1L, "message 1"), (fromMemory!.Version, fromMemory.Messages[0].Text));
        Assert.False(saved);
        Assert.Equal((2L, "changed elsewhere"), (afterRefusal!.Version, afterRefusal.Messages[0].Text));
    }

    [Fact]
    public async Task With_no_recent_conversations_kept_every_read_goes_to_the_file()
    {
        using var store = (SqliteConversationStore)await OpenStoreAsync(new MemoryOptions { RecentConversations = 0 });
        await store.SaveAsync(NewConversation("c1", "alice", 2), 0, CancellationToken.None);
        await ChangeElsewhereAsync("c1");

        var read = await store.GetAsync("c1", CancellationToken.None);

        Assert.Equal((2L, "changed elsewhere"), (read!.Version, read.Messages[0].Text));
    }

    [Fact]
    public async Task No_more_conversations_are_kept_in_memory_than_configured()
    {
        using var store = (SqliteConversationStore)await OpenStoreAsync(new MemoryOptions { RecentConversations = 2 });
        string[] ids = ["c1", "c2", "c3"];
        foreach (var id in ids)
        {
            await store.SaveAsync(NewConversation(id, "alice", 2), 0, CancellationToken.None);
            await ChangeElsewhereAsync(id);
        }

        var fromMemory = 0;
        foreach (var id in ids)
        {
            fromMemory += (await store.GetAsync(id, CancellationToken.None))!.Version == 1 ? 1 : 0;
        }

        Assert.InRange(fromMemory, 1, 2);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _sqlite.Dispose();
    }

    /// <summary>What another process sharing the file would do: save version 2 of the conversation, its first message changed.</summary>
    private async Task ChangeElsewhereAsync(string id) => await QueryAsync(
        $"UPDATE conversations SET version = 2, body = json_set(body, '$.version', 2, '$.messages[0].text', 'changed elsewhere') WHERE conversation_id = '{id}';",
        _ => 0);

    /// <summary>Every row <paramref name="sql"/> returns, read straight from the file as another SQLite client would.</summary>
    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = new SqliteConnection($"Data Source={_sqlite.Storage.Value.Sqlite.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
