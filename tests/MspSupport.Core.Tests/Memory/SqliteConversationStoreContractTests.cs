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

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _sqlite.Dispose();
    }

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
