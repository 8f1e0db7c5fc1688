using System.Text.Json;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Handoff;

/// <summary>Handoff cases in the embedded SQLite file: one row per ticket, the case as JSON, its version and conversation.</summary>
public sealed class SqliteHandoffStore : IHandoffStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS handoff_cases (
            ticket_id       TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            created_at      TEXT NOT NULL,
            version         INTEGER NOT NULL,
            body            TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS handoff_cases_by_conversation ON handoff_cases (conversation_id, created_at);
        """;

    private readonly string _connectionString;

    public SqliteHandoffStore(IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _connectionString = ConnectionString(storage.Value);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        SqliteConnections.InitializeAsync(_connectionString, Schema, cancellationToken);

    public async Task<HandoffCase?> GetAsync(string ticketId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await using var select = Command(connection, "SELECT body FROM handoff_cases WHERE ticket_id = $id;");
        select.Parameters.AddWithValue("$id", ticketId);
        return await select.ExecuteScalarAsync(cancellationToken) is string body ? Read(body) : null;
    }

    public async Task<HandoffCase?> FindByConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await using var select = Command(connection,
            "SELECT body FROM handoff_cases WHERE conversation_id = $conversation ORDER BY created_at DESC, rowid DESC LIMIT 1;");
        select.Parameters.AddWithValue("$conversation", conversationId);
        return await select.ExecuteScalarAsync(cancellationToken) is string body ? Read(body) : null;
    }

    public async Task<bool> SaveAsync(HandoffCase handoff, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        var stored = handoff with { Version = expectedVersion + 1 };
        var body = JsonSerializer.Serialize(stored, HandoffJsonContext.Default.HandoffCase);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var write = expectedVersion == 0
            ? Command(connection, """
                INSERT INTO handoff_cases (ticket_id, conversation_id, created_at, version, body)
                VALUES ($id, $conversation, $created, 1, $body) ON CONFLICT (ticket_id) DO NOTHING;
                """)
            : Command(connection, "UPDATE handoff_cases SET body = $body, version = $next WHERE ticket_id = $id AND version = $expected;");
        write.Parameters.AddWithValue("$id", handoff.TicketId);
        write.Parameters.AddWithValue("$conversation", handoff.ConversationId);
        write.Parameters.AddWithValue("$created", Tickets.UtcTimestamp.ToText(handoff.CreatedAt));
        write.Parameters.AddWithValue("$body", body);
        write.Parameters.AddWithValue("$next", expectedVersion + 1);
        write.Parameters.AddWithValue("$expected", expectedVersion);
        return await write.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static HandoffCase Read(string body) =>
        JsonSerializer.Deserialize(body, HandoffJsonContext.Default.HandoffCase)
        ?? throw new InvalidDataException("A stored handoff case is empty.");
}
