using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Memory;

/// <summary>
/// Conversations in the embedded SQLite file (the tickets' file, its own table): the version and expiry are
/// columns the writes are conditioned on, the conversation itself is JSON beside them. Writes from this process
/// are serialized; other processes are covered by the busy timeout and by the conditions themselves.
/// Every turn reads and writes its conversation, so the hot paths are kept lean:
/// - a conversation this process saved is read back from memory (<see cref="MemoryOptions.RecentConversations"/>);
/// - the read and the saves run on kept connections with their statements prepared once (<see cref="SqlitePreparedConnections"/>);
/// - the JSON goes to and from the file as UTF-8 bytes;
/// - a save touches no index (the owner index only when the owner changes; expiry has none).
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

    private const string SelectBody = "SELECT body FROM conversations WHERE conversation_id = $id AND expires_at > $now;";

    private const string Insert = $"""
        INSERT INTO conversations (conversation_id, user_id, version, updated_at, expires_at, body)
        VALUES ($id, $user, $version, $updated, $expires, CAST($body AS TEXT))
        ON CONFLICT (conversation_id) DO UPDATE SET user_id = $user, {Columns} WHERE conversations.expires_at <= $now;
        """;

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

    /// <summary>
    /// Connections kept open with the read statement prepared: as many as turns read at once on a busy host; beyond
    /// that a connection is opened for the call and closed after it.
    /// </summary>
    private const int MaxIdleReaders = 16;

    private readonly string _connectionString;
    private readonly MemoryOptions _memory;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqlitePreparedConnections _readers;

    /// <summary>
    /// The saves' own connection (one save at a time, behind the write gate): no other connection writes this table's
    /// pages on the hot path, so its page cache stays valid from save to save and a save finds its row without reading
    /// the pages from the file again (about a fifth fewer reads per get and save, counted with strace).
    /// </summary>
    private readonly SqlitePreparedConnections _writer;

    /// <summary>
    /// The conversations this process saved last, as saved, with their expiry: a conversation's next turn reads it
    /// from here instead of the file. Only a save puts one here, behind the write gate, so what is here is the newest
    /// version this process wrote. A save that is refused or fails takes it out, so a change made by another process
    /// sharing the file is seen after at most one refused save (the turn then reloads and merges, as on any conflict).
    /// Null when <see cref="MemoryOptions.RecentConversations"/> is 0.
    /// </summary>
    private readonly MemoryCache? _recent;

    private static readonly MemoryCacheEntryOptions RecentEntry = new() { Size = 1 };

    public SqliteConversationStore(IOptions<StorageOptions> storage, IOptions<MemoryOptions> memory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(time);
        _connectionString = ConnectionString(storage.Value);
        _readers = new SqlitePreparedConnections(_connectionString, MaxIdleReaders);
        _writer = new SqlitePreparedConnections(_connectionString, maxIdle: 1);
        _memory = memory.Value;
        _time = time;
        _recent = _memory.RecentConversations > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = _memory.RecentConversations }) : null;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await SqliteConnections.InitializeAsync(_connectionString, Schema, cancellationToken);
        await PurgeExpiredAsync(cancellationToken);
    }

    public Task<Conversation?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var now = _time.GetUtcNow();
        if (_recent?.Get<RecentConversation>(conversationId) is { } recent && !ConversationRules.IsExpired(recent.ExpiresAt, now))
        {
            return Task.FromResult<Conversation?>(recent.Conversation);
        }

        return _readers.RunAsync((Id: conversationId, Now: now.ToUnixTimeSeconds()), static async (connection, read, cancellationToken) =>
        {
            var select = connection.Command(SelectBody);
            select.Parameters.AddWithValue("$id", read.Id);
            select.Parameters.AddWithValue("$now", read.Now);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Deserialize(reader) : null;
        }, cancellationToken);
    }

    public async Task<bool> SaveAsync(Conversation conversation, long expectedVersion, CancellationToken cancellationToken)
    {
        ConversationRules.CheckSave(conversation, expectedVersion);
        var now = _time.GetUtcNow();
        var stored = ConversationRules.ForStorage(conversation, expectedVersion, now);
        var expiresAt = ConversationRules.ExpiresAt(now, _memory);
        var save = new PendingSave(stored, expectedVersion, now, expiresAt); // JSON before the gate
        await _writeGate.WaitAsync(cancellationToken);
        var saved = false;
        try
        {
            saved = await _writer.RunAsync(save, static async (connection, save, cancellationToken) =>
            {
                // An expired conversation is absent to readers, so a first save may take its place and a save of its
                // last version must fail like a save of a deleted one. A later save names the owner in its condition,
                // so that the owner index is written only in the rare save that changes the owner (the second statement).
                if (await save.ExecuteAsync(connection, save.ExpectedVersion == 0 ? Insert : UpdateSameOwner, cancellationToken) == 1)
                {
                    return true;
                }

                // Not saved: the version moved on, the conversation expired or was deleted, or it has a new owner.
                return save.ExpectedVersion != 0 && await save.ExecuteAsync(connection, UpdateNewOwner, cancellationToken) == 1;
            }, cancellationToken);
            return saved;
        }
        finally
        {
            if (saved)
            {
                _recent?.Set(stored.ConversationId, new RecentConversation(stored, expiresAt), RecentEntry);
            }
            else
            {
                _recent?.Remove(stored.ConversationId);
            }

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
            // Forgetting is rare: every conversation leaves memory, the user's among them, whatever the delete did.
            _recent?.Clear();
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        _readers.Dispose();
        _writer.Dispose();
        _recent?.Dispose();
        _writeGate.Dispose();
    }

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

    /// <summary>A conversation as this process saved it, and when it stops being readable.</summary>
    private sealed record RecentConversation(Conversation Conversation, long ExpiresAt);

    /// <summary>A save's values, its JSON made once, bound to whichever of the statements runs.</summary>
    private sealed class PendingSave(Conversation stored, long expectedVersion, DateTimeOffset now, long expiresAt)
    {
        private readonly byte[] _body = JsonSerializer.SerializeToUtf8Bytes(stored, Json.Conversation);

        public long ExpectedVersion => expectedVersion;

        public Task<int> ExecuteAsync(PreparedConnection connection, string sql, CancellationToken cancellationToken)
        {
            var write = connection.Command(sql);
            write.Parameters.AddWithValue("$id", stored.ConversationId);
            write.Parameters.AddWithValue("$user", stored.UserId);
            write.Parameters.AddWithValue("$version", stored.Version);
            write.Parameters.AddWithValue("$updated", UtcTimestamp.ToText(stored.UpdatedAt));
            write.Parameters.AddWithValue("$expires", expiresAt);
            write.Parameters.AddWithValue("$body", _body);
            write.Parameters.AddWithValue("$expected", expectedVersion);
            write.Parameters.AddWithValue("$now", now.ToUnixTimeSeconds());
            return write.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The body column's UTF-8 bytes: no UTF-16 copy of the JSON per turn.</summary>
    private static Conversation Deserialize(SqliteDataReader reader) =>
        JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), Json.Conversation)
        ?? throw new InvalidDataException("A stored conversation is empty.");
}
