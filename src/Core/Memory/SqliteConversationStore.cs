using System.Text.Json;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Memory;

/// <summary>
/// Conversations in the embedded SQLite file (the tickets' file, its own table): the version and expiry are
/// columns the writes are conditioned on, the conversation itself is JSON beside them. Writes from this process
/// are serialized; other processes are covered by the busy timeout and by the conditions themselves.
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
        CREATE INDEX IF NOT EXISTS ix_conversations_expires ON conversations (expires_at);
        """;

    private const string Columns = "user_id = $user, version = $version, updated_at = $updated, expires_at = $expires, body = $body";

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
        return await select.ExecuteScalarAsync(cancellationToken) is string body ? Deserialize(body) : null;
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
            // last version must fail like a save of a deleted one.
            await using var write = Command(connection, expectedVersion == 0
                ? $"""
                  INSERT INTO conversations (conversation_id, user_id, version, updated_at, expires_at, body)
                  VALUES ($id, $user, $version, $updated, $expires, $body)
                  ON CONFLICT (conversation_id) DO UPDATE SET {Columns} WHERE conversations.expires_at <= $now;
                  """
                : $"""
                  UPDATE conversations SET {Columns}
                  WHERE conversation_id = $id AND version = $expected AND expires_at > $now;
                  """);
            write.Parameters.AddWithValue("$id", stored.ConversationId);
            write.Parameters.AddWithValue("$user", stored.UserId);
            write.Parameters.AddWithValue("$version", stored.Version);
            write.Parameters.AddWithValue("$updated", UtcTimestamp.ToText(stored.UpdatedAt));
            write.Parameters.AddWithValue("$expires", ConversationRules.ExpiresAt(now, _memory));
            write.Parameters.AddWithValue("$body", JsonSerializer.Serialize(stored, MemoryJsonContext.Default.Conversation));
            write.Parameters.AddWithValue("$expected", expectedVersion);
            write.Parameters.AddWithValue("$now", now.ToUnixTimeSeconds());
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
        // Expired conversations go first, so the count is of the conversations a reader could still see.
        await PurgeExpiredAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
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

    private static Conversation Deserialize(string body) =>
        JsonSerializer.Deserialize(body, MemoryJsonContext.Default.Conversation)
        ?? throw new InvalidDataException("A stored conversation is empty.");
}
