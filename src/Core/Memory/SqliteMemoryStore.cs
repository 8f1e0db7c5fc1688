using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Memory;

/// <summary>
/// Long-term memories in the embedded SQLite file (the tickets' file, its own table), keyed by namespace and id,
/// with an index per actor in listing order. Writes from this process are serialized, as in the other stores.
/// </summary>
public sealed class SqliteMemoryStore : IMemoryStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS memories (
            namespace TEXT NOT NULL,
            memory_id TEXT NOT NULL,
            actor_id  TEXT NOT NULL,
            at        TEXT NOT NULL,
            text      TEXT NOT NULL,
            PRIMARY KEY (namespace, memory_id)
        );
        CREATE INDEX IF NOT EXISTS ix_memories_actor ON memories (actor_id, at DESC);
        """;

    // The same order as MemoryItemRules.NewestFirst: times are fixed-width UTC text, so text order is time order.
    private const string NewestFirst = "ORDER BY at DESC, namespace, memory_id";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteMemoryStore(IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _connectionString = ConnectionString(storage.Value);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        SqliteConnections.InitializeAsync(_connectionString, Schema, cancellationToken);

    public async Task PutAsync(MemoryItem item, CancellationToken cancellationToken)
    {
        MemoryItemRules.CheckPut(item);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            await using var upsert = Command(connection, """
                INSERT INTO memories (namespace, memory_id, actor_id, at, text) VALUES ($namespace, $id, $actor, $at, $text)
                ON CONFLICT (namespace, memory_id) DO UPDATE SET actor_id = $actor, at = $at, text = $text;
                """);
            upsert.Parameters.AddWithValue("$namespace", item.Namespace);
            upsert.Parameters.AddWithValue("$id", item.Id);
            upsert.Parameters.AddWithValue("$actor", item.ActorId);
            upsert.Parameters.AddWithValue("$at", UtcTimestamp.ToText(item.At));
            upsert.Parameters.AddWithValue("$text", item.Text);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<IReadOnlyList<MemoryItem>> ListByActorAsync(string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actorId);
        return ListAsync($"WHERE actor_id = $value {NewestFirst};", actorId, cancellationToken);
    }

    public Task<IReadOnlyList<MemoryItem>> ListAsync(string namespacePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(namespacePath);
        return ListAsync($"WHERE namespace = $value {NewestFirst};", namespacePath, cancellationToken);
    }

    public async Task<int> DeleteByActorAsync(string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actorId);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            await using var delete = Command(connection, "DELETE FROM memories WHERE actor_id = $actor;");
            delete.Parameters.AddWithValue("$actor", actorId);
            return await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose() => _writeGate.Dispose();

    private async Task<IReadOnlyList<MemoryItem>> ListAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await using var select = Command(connection, $"SELECT namespace, memory_id, actor_id, at, text FROM memories {where}");
        select.Parameters.AddWithValue("$value", value);
        var items = new List<MemoryItem>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return items;
    }

    private static MemoryItem Read(SqliteDataReader reader) => new()
    {
        Namespace = reader.GetString(0),
        Id = reader.GetString(1),
        ActorId = reader.GetString(2),
        At = UtcTimestamp.TryParse(reader.GetString(3), out var at)
            ? at
            : throw new InvalidDataException($"Memory '{reader.GetString(1)}' has a malformed time."),
        Text = reader.GetString(4),
    };
}
