using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Sent-notification records in the embedded SQLite file, one row per notification id. Each claim first deletes the
/// records that have expired (indexed), so the table holds only the last <c>Notifications:SentRecordTtlHours</c>.
/// Every change is one statement decided by the primary key, so no write gate is needed.
/// </summary>
public sealed class SqliteSentNotificationStore : ISentNotificationStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sent_notifications (
            id         TEXT PRIMARY KEY,
            sent       INTEGER NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_sent_notifications_expires ON sent_notifications (expires_at);
        """;

    private readonly string _connectionString;

    public SqliteSentNotificationStore(IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _connectionString = ConnectionString(storage.Value);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        SqliteConnections.InitializeAsync(_connectionString, Schema, cancellationToken);

    public async Task<bool> TryClaimAsync(string notificationId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using (var sweep = Command(connection, "DELETE FROM sent_notifications WHERE expires_at <= $now;"))
        {
            sweep.Parameters.AddWithValue("$now", UtcTimestamp.ToText(now));
            await sweep.ExecuteNonQueryAsync(cancellationToken);
        }

        // Taken over only when the holder's record has expired (a lease abandoned by a crashed send, or an old record).
        await using var claim = Command(connection, """
            INSERT INTO sent_notifications (id, sent, expires_at) VALUES ($id, 0, $until)
            ON CONFLICT (id) DO UPDATE SET sent = 0, expires_at = excluded.expires_at
            WHERE sent_notifications.expires_at <= $now;
            """);
        claim.Parameters.AddWithValue("$id", notificationId);
        claim.Parameters.AddWithValue("$until", UtcTimestamp.ToText(leaseUntil));
        claim.Parameters.AddWithValue("$now", UtcTimestamp.ToText(now));
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task MarkSentAsync(string notificationId, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var update = Command(connection, """
            INSERT INTO sent_notifications (id, sent, expires_at) VALUES ($id, 1, $until)
            ON CONFLICT (id) DO UPDATE SET sent = 1, expires_at = excluded.expires_at;
            """);
        update.Parameters.AddWithValue("$id", notificationId);
        update.Parameters.AddWithValue("$until", UtcTimestamp.ToText(keepUntil));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> IsSentAsync(string notificationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await using var select = Command(connection, "SELECT 1 FROM sent_notifications WHERE id = $id AND sent = 1 AND expires_at > $now;");
        select.Parameters.AddWithValue("$id", notificationId);
        select.Parameters.AddWithValue("$now", UtcTimestamp.ToText(now));
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task ReleaseAsync(string notificationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var delete = Command(connection, "DELETE FROM sent_notifications WHERE id = $id AND sent = 0;");
        delete.Parameters.AddWithValue("$id", notificationId);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
