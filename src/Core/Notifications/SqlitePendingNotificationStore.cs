using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Pending notifications in the embedded SQLite file, table <c>pending_notifications</c>, one row per notification id,
/// indexed by the next attempt time. Every change is one statement decided by the primary key.
/// </summary>
public sealed class SqlitePendingNotificationStore : IPendingNotificationStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS pending_notifications (
            id              TEXT PRIMARY KEY,
            ticket_id       TEXT NOT NULL,
            channel         TEXT NOT NULL,
            version         INTEGER NOT NULL,
            headline        TEXT NOT NULL,
            attempts        INTEGER NOT NULL,
            next_attempt_at TEXT NOT NULL,
            first_attempt_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_pending_notifications_next ON pending_notifications (next_attempt_at);
        """;

    private readonly string _connectionString;

    public SqlitePendingNotificationStore(IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _connectionString = ConnectionString(storage.Value);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        SqliteConnections.InitializeAsync(_connectionString, Schema, cancellationToken);

    public async Task<bool> AddAsync(PendingNotification entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var insert = Command(connection, """
            INSERT INTO pending_notifications (id, ticket_id, channel, version, headline, attempts, next_attempt_at, first_attempt_at)
            VALUES ($id, $ticket, $channel, $version, $headline, $attempts, $next, $first)
            ON CONFLICT (id) DO NOTHING;
            """);
        insert.Parameters.AddWithValue("$id", entry.NotificationId);
        insert.Parameters.AddWithValue("$ticket", entry.TicketId);
        insert.Parameters.AddWithValue("$channel", entry.Channel);
        insert.Parameters.AddWithValue("$version", entry.Version);
        insert.Parameters.AddWithValue("$headline", entry.Headline);
        insert.Parameters.AddWithValue("$attempts", entry.Attempts);
        insert.Parameters.AddWithValue("$next", UtcTimestamp.ToText(entry.NextAttemptAt));
        insert.Parameters.AddWithValue("$first", UtcTimestamp.ToText(entry.FirstAttemptAt));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<PendingNotification>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await using var select = Command(connection, """
            SELECT id, ticket_id, channel, version, headline, attempts, next_attempt_at, first_attempt_at
            FROM pending_notifications WHERE next_attempt_at <= $now
            ORDER BY next_attempt_at, id LIMIT $limit;
            """);
        select.Parameters.AddWithValue("$now", UtcTimestamp.ToText(now));
        select.Parameters.AddWithValue("$limit", limit);
        var due = new List<PendingNotification>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(Read(reader));
        }

        return due;
    }

    public async Task RescheduleAsync(string notificationId, int attempts, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var update = Command(connection, "UPDATE pending_notifications SET attempts = $attempts, next_attempt_at = $next WHERE id = $id;");
        update.Parameters.AddWithValue("$id", notificationId);
        update.Parameters.AddWithValue("$attempts", attempts);
        update.Parameters.AddWithValue("$next", UtcTimestamp.ToText(nextAttemptAt));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(string notificationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var delete = Command(connection, "DELETE FROM pending_notifications WHERE id = $id;");
        delete.Parameters.AddWithValue("$id", notificationId);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private static PendingNotification Read(SqliteDataReader reader)
    {
        var id = reader.GetString(0);
        return new PendingNotification
        {
            NotificationId = id,
            TicketId = reader.GetString(1),
            Channel = reader.GetString(2),
            Version = reader.GetInt64(3),
            Headline = reader.GetString(4),
            Attempts = reader.GetInt32(5),
            NextAttemptAt = Time(reader.GetString(6), id),
            FirstAttemptAt = Time(reader.GetString(7), id),
        };
    }

    private static DateTimeOffset Time(string text, string id) =>
        UtcTimestamp.TryParse(text, out var value)
            ? value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"pending_notifications row '{id}' has a malformed time '{text}'."));
}
