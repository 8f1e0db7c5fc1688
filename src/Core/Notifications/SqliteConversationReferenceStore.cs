using System.Text.Json;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Conversation references in the embedded SQLite file (the tickets' file, its own table), one row per ticket with
/// the reference as JSON. The first reference saved for a ticket stays; later saves are ignored, and only a thread
/// can be added to it (<see cref="AttachThreadAsync"/>).
/// </summary>
public sealed class SqliteConversationReferenceStore : IConversationReferenceStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ticket_conversation_refs (
            ticket_id TEXT PRIMARY KEY,
            body      TEXT NOT NULL
        );
        """;

    private readonly string _connectionString;

    public SqliteConversationReferenceStore(IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _connectionString = ConnectionString(storage.Value);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        SqliteConnections.InitializeAsync(_connectionString, Schema, cancellationToken);

    public async Task SaveAsync(string ticketId, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        ArgumentNullException.ThrowIfNull(reference);
        // One statement, decided by the primary key: no write gate is needed for "first one wins".
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var insert = Command(connection, "INSERT OR IGNORE INTO ticket_conversation_refs (ticket_id, body) VALUES ($id, $body);");
        insert.Parameters.AddWithValue("$id", ticketId);
        insert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(reference, NotificationsJsonContext.Default.ConversationReference));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> AttachThreadAsync(string ticketId, string channel, string conversationId, string threadId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(threadId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var update = Command(connection, """
            UPDATE ticket_conversation_refs SET body = json_set(body, '$.threadId', $thread)
            WHERE ticket_id = $id AND json_extract(body, '$.channel') = $channel
              AND json_extract(body, '$.conversationId') = $conversation AND json_extract(body, '$.threadId') IS NULL;
            """);
        update.Parameters.AddWithValue("$id", ticketId);
        update.Parameters.AddWithValue("$channel", channel);
        update.Parameters.AddWithValue("$conversation", conversationId);
        update.Parameters.AddWithValue("$thread", threadId);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<ConversationReference?> GetAsync(string ticketId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await using var select = Command(connection, "SELECT body FROM ticket_conversation_refs WHERE ticket_id = $id;");
        select.Parameters.AddWithValue("$id", ticketId);
        return await select.ExecuteScalarAsync(cancellationToken) is string body ? Deserialize(body) : null;
    }

    private static ConversationReference Deserialize(string body) =>
        JsonSerializer.Deserialize(body, NotificationsJsonContext.Default.ConversationReference)
        ?? throw new InvalidDataException("A stored conversation reference is empty.");
}
