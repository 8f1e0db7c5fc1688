using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Memory;

/// <summary>
/// Conversations in the embedded SQLite file (the tickets' file, its own table): the version and expiry are
/// columns the writes are conditioned on, the conversation itself is JSON beside them. Writes from this process
/// are serialized; other processes are covered by the busy timeout and by the conditions themselves.
/// Every turn reads and writes its conversation, so the hot paths are kept lean: the JSON goes to and from the file
/// as UTF-8 bytes, and a save touches no index (the owner index only when the owner changes; expiry has none).
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS conversations (
            conversation_id TEXT PRIMARY KEY,
            user_id         TEXT NOT NULL,
            version         INTEGER NOT NULL,
            updated_at      TEXT NOT NULL,
            expires_at      INTEGER NOT NULL,
            body            TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_conversations_user ON conversations (user_id);
        DROP INDEX IF EXISTS ix_conversations_expires;
        """;

    // No index on expires_at: it changes with every save, and its index cost each turn two more pages written to the
    // WAL (7 instead of 5 for a full conversation), for a purge that runs at start-up and per user.
    private const string Columns = "version = $version, updated_at = $updated, expires_at = $expires, body = CAST($body AS TEXT)";

    private const string LaterSave = "WHERE conversation_id = $id AND version = $expected AND expires_at > $now";

    /// <summary>A later save by the same owner: the owner index is not written.</summary>
    private const string UpdateSameOwner = $"UPDATE conversations SET {Columns} {LaterSave} AND user_id = $user;";

    /// <summary>A later save that changes the owner (tried only when the first found no row).</summary>
    private const string UpdateNewOwner = $"UPDATE conversations SET user_id = $user, {Columns} {LaterSave};";

    /// <summary>
    /// The stored JSON escapes only what JSON requires: the default encoder also escapes apostrophes and every
    /// non-ASCII character for embedding in HTML, which a database column does not need and each save paid for.
    /// </summary>
    private static readonly MemoryJsonContext Json = new(new JsonSerializerOptions(MemoryJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private readonly string _connectionString;
    private readonly MemoryOptions _memory;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteConversationStore(IOptions<StorageOptions> storage, IOptions<MemoryOptions> memory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(time);
        _connectionString = ConnectionString(storage.Value);
        _memory = memory.Value;
        _time = time;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await SqliteConnections.InitializeAsync(_connectionString, Schema, cancellationToken);
        await PurgeExpiredAsync(cancellationToken);
    }

    public async Task<Conversation?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await using var select = Command(connection, "SELECT body FROM conversations WHERE conversation_id = $id AND expires_at > $now;");
        select.Parameters.AddWithValue("$id", conversationId);
        select.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeSeconds());
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Deserialize(reader) : null;
    }

    public async Task<bool> SaveAsync(Conversation conversation, long expectedVersion, CancellationToken cancellationToken)
    {
        ConversationRules.CheckSave(conversation, expectedVersion);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            var stored = ConversationRules.ForStorage(conversation, expectedVersion, now);
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            // An expired conversation is absent to readers, so a first save may take its place and a save of its
            // last version must fail like a save of a deleted one. A later save names the owner in its condition, so
            // that the owner index is written only in the rare save that changes the owner (the second statement).
            await using var write = Command(connection, expectedVersion == 0
                ? $"""
                  INSERT INTO conversations (conversation_id, user_id, version, updated_at, expires_at, body)
                  VALUES ($id, $user, $version, $updated, $expires, CAST($body AS TEXT))
                  ON CONFLICT (conversation_id) DO UPDATE SET user_id = $user, {Columns} WHERE conversations.expires_at <= $now;
                  """
                : UpdateSameOwner);
            write.Parameters.AddWithValue("$id", stored.ConversationId);
            write.Parameters.AddWithValue("$user", stored.UserId);
            write.Parameters.AddWithValue("$version", stored.Version);
            write.Parameters.AddWithValue("$updated", UtcTimestamp.ToText(stored.UpdatedAt));
            write.Parameters.AddWithValue("$expires", ConversationRules.ExpiresAt(now, _memory));
            write.Parameters.AddWithValue("$body", JsonSerializer.SerializeToUtf8Bytes(stored, Json.Conversation));
            write.Parameters.AddWithValue("$expected", expectedVersion);
            write.Parameters.AddWithValue("$now", now.ToUnixTimeSeconds());
            if (await write.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return true;
            }

            if (expectedVersion == 0)
            {
                return false;
            }

            // Not saved: the version moved on, the conversation expired or was deleted, or it has a new owner.
            write.CommandText = UpdateNewOwner;
            return await write.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<int> DeleteByUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            // The user's expired conversations go first, so the count is of the conversations a reader could still see.
            await using var expired = Command(connection, "DELETE FROM conversations WHERE user_id = $user AND expires_at <= $now;");
            expired.Parameters.AddWithValue("$user", userId);
            expired.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeSeconds());
            await expired.ExecuteNonQueryAsync(cancellationToken);
            await using var delete = Command(connection, "DELETE FROM conversations WHERE user_id = $user;");
            delete.Parameters.AddWithValue("$user", userId);
            return await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose() => _writeGate.Dispose();

    /// <summary>What DynamoDB's TTL does on AWS: expired conversations leave the file instead of piling up.</summary>
    private async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            await using var delete = Command(connection, "DELETE FROM conversations WHERE expires_at <= $now;");
            delete.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeSeconds());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The body column's UTF-8 bytes: no UTF-16 copy of the JSON per turn.</summary>
    private static Conversation Deserialize(SqliteDataReader reader) =>
        JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), Json.Conversation)
        ?? throw new InvalidDataException("A stored conversation is empty.");
}
