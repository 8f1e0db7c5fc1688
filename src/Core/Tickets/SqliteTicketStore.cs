using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Tickets;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. Filterable fields are columns with indexes that match the
/// listing order; the whole ticket is kept as JSON beside them. Writes from this process are serialized so that
/// concurrent requests queue here instead of spinning on SQLITE_BUSY; other processes are covered by the busy timeout.
/// </summary>
public sealed class SqliteTicketStore : ITicketStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tickets (
            ticket_id   TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            status      TEXT NOT NULL,
            priority    TEXT NOT NULL,
            category    TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            version     INTEGER NOT NULL,
            body        TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_tickets_customer ON tickets (customer_id, created_at DESC, ticket_id DESC);
        CREATE INDEX IF NOT EXISTS ix_tickets_status ON tickets (status, created_at DESC, ticket_id DESC);
        CREATE INDEX IF NOT EXISTS ix_tickets_created ON tickets (created_at DESC, ticket_id DESC);
        CREATE TABLE IF NOT EXISTS ticket_idempotency (
            key         TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            ticket_id   TEXT NOT NULL,
            expires_at  TEXT
        );
        """;

    // Files made before keys expired have no expires_at column; their records count as expired (see SweepExpiredAsync).
    private const string ExpiryMigration = "ALTER TABLE ticket_idempotency ADD COLUMN expires_at TEXT;";
    private const string ExpiryIndex = "CREATE INDEX IF NOT EXISTS ix_ticket_idempotency_expires ON ticket_idempotency (expires_at);";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteTicketStore(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = ConnectionString(options.Value);
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await SqliteConnections.InitializeAsync(_connectionString, Schema, cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            if (!await HasColumnAsync(connection, "ticket_idempotency", "expires_at", cancellationToken))
            {
                try
                {
                    await ExecuteAsync(connection, ExpiryMigration, cancellationToken);
                }
                catch (SqliteException e) when (e.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
                {
                    // Another process on the same file migrated it first.
                }
            }

            await ExecuteAsync(connection, ExpiryIndex, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await ExecuteAsync(connection, "SELECT 1 FROM tickets LIMIT 1;", cancellationToken);
    }

    public async Task<Ticket?> GetAsync(string ticketId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        return await GetAsync(connection, null, ticketId, cancellationToken);
    }

    public async Task<CreateResult> CreateAsync(Ticket ticket, IdempotencyClaim? idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            if (idempotency is not null)
            {
                await SweepExpiredAsync(connection, transaction, idempotency.ClaimedAt, cancellationToken);
                var earlier = await FindClaimAsync(connection, transaction, idempotency.Key, cancellationToken);
                if (earlier is { } claim)
                {
                    if (claim.Fingerprint != idempotency.Fingerprint)
                    {
                        return CreateResult.KeyReused;
                    }

                    var first = await GetAsync(connection, transaction, claim.TicketId, cancellationToken);
                    return first is null ? CreateResult.KeyReused : CreateResult.Replayed(first);
                }
            }

            if (await ExistsAsync(connection, transaction, ticket.TicketId, cancellationToken))
            {
                return CreateResult.IdTaken;
            }

            await using (var insert = Command(connection, """
                INSERT INTO tickets (ticket_id, customer_id, status, priority, category, created_at, version, body)
                VALUES ($id, $customer, $status, $priority, $category, $created, $version, $body);
                """, transaction))
            {
                BindTicket(insert, ticket);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            if (idempotency is not null)
            {
                await using var claim = Command(connection,
                    "INSERT INTO ticket_idempotency (key, fingerprint, ticket_id, expires_at) VALUES ($key, $fingerprint, $id, $expires);", transaction);
                claim.Parameters.AddWithValue("$key", idempotency.Key);
                claim.Parameters.AddWithValue("$fingerprint", idempotency.Fingerprint);
                claim.Parameters.AddWithValue("$id", ticket.TicketId);
                claim.Parameters.AddWithValue("$expires", UtcTimestamp.ToText(idempotency.ExpiresAt));
                await claim.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return CreateResult.Created(ticket);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<WriteStatus> ReplaceAsync(Ticket ticket, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            await using var update = Command(connection, """
                UPDATE tickets
                SET customer_id = $customer, status = $status, priority = $priority, category = $category,
                    created_at = $created, version = $version, body = $body
                WHERE ticket_id = $id AND version = $expected;
                """);
            BindTicket(update, ticket);
            update.Parameters.AddWithValue("$expected", expectedVersion);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return WriteStatus.Done;
            }

            return await ExistsAsync(connection, null, ticket.TicketId, cancellationToken)
                ? WriteStatus.VersionConflict
                : WriteStatus.NotFound;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<WriteStatus> DeleteAsync(string ticketId, long? expectedVersion, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(_connectionString, cancellationToken);
            await using var delete = Command(connection,
                "DELETE FROM tickets WHERE ticket_id = $id AND ($expected IS NULL OR version = $expected);");
            delete.Parameters.AddWithValue("$id", ticketId);
            delete.Parameters.AddWithValue("$expected", (object?)expectedVersion ?? DBNull.Value);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return WriteStatus.Done;
            }

            return await ExistsAsync(connection, null, ticketId, cancellationToken)
                ? WriteStatus.VersionConflict
                : WriteStatus.NotFound;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await using var select = connection.CreateCommand();
        var where = new List<string>();
        AddFilter(select, where, "customer_id", "$customer", query.CustomerId);
        AddFilter(select, where, "status", "$status", query.Status?.Name());
        AddFilter(select, where, "priority", "$priority", query.Priority?.Name());
        AddFilter(select, where, "category", "$category", query.Category?.Name());
        if (query.After is not null && query.After.Positions.TryGetValue(TicketCursor.WholeList, out var after))
        {
            if (after == TicketCursor.Exhausted)
            {
                return new TicketPage([], null);
            }

            where.Add("(created_at < $afterAt OR (created_at = $afterAt AND ticket_id < $afterId))");
            select.Parameters.AddWithValue("$afterAt", UtcTimestamp.ToText(after.CreatedAt));
            select.Parameters.AddWithValue("$afterId", after.TicketId);
        }

        var limit = Math.Clamp(query.Limit, 1, 1000);
        select.CommandText = $"""
            SELECT body FROM tickets
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY created_at DESC, ticket_id DESC
            LIMIT {limit + 1};
            """;

        var items = new List<Ticket>(limit);
        var more = false;
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(Deserialize(reader.GetString(0)));
        }

        return new TicketPage(items, more ? TicketCursor.At(items[^1]) : null);
    }

    public void Dispose() => _writeGate.Dispose();


    private static void AddFilter(SqliteCommand command, List<string> where, string column, string parameter, string? value)
    {
        if (value is null)
        {
            return;
        }

        where.Add($"{column} = {parameter}");
        command.Parameters.AddWithValue(parameter, value);
    }

    private static async Task<Ticket?> GetAsync(SqliteConnection connection, SqliteTransaction? transaction, string ticketId, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, "SELECT body FROM tickets WHERE ticket_id = $id;", transaction);
        select.Parameters.AddWithValue("$id", ticketId);
        return await select.ExecuteScalarAsync(cancellationToken) is string body ? Deserialize(body) : null;
    }

    private static async Task<bool> ExistsAsync(SqliteConnection connection, SqliteTransaction? transaction, string ticketId, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, "SELECT 1 FROM tickets WHERE ticket_id = $id;", transaction);
        select.Parameters.AddWithValue("$id", ticketId);
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>
    /// Deletes every idempotency record that has expired by <paramref name="now"/>, in the create's own transaction, so
    /// that the lookup after it sees only live keys. The index on expires_at keeps this to the rows it deletes.
    /// </summary>
    private static async Task SweepExpiredAsync(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var sweep = Command(connection,
            "DELETE FROM ticket_idempotency WHERE expires_at IS NULL OR expires_at <= $now;", transaction);
        sweep.Parameters.AddWithValue("$now", UtcTimestamp.ToText(now));
        await sweep.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> HasColumnAsync(SqliteConnection connection, string table, string column, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, "SELECT 1 FROM pragma_table_info($table) WHERE name = $column;");
        select.Parameters.AddWithValue("$table", table);
        select.Parameters.AddWithValue("$column", column);
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<(string Fingerprint, string TicketId)?> FindClaimAsync(SqliteConnection connection, SqliteTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, "SELECT fingerprint, ticket_id FROM ticket_idempotency WHERE key = $key;", transaction);
        select.Parameters.AddWithValue("$key", key);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    private static void BindTicket(SqliteCommand command, Ticket ticket)
    {
        command.Parameters.AddWithValue("$id", ticket.TicketId);
        command.Parameters.AddWithValue("$customer", ticket.CustomerId);
        command.Parameters.AddWithValue("$status", ticket.Status.Name());
        command.Parameters.AddWithValue("$priority", ticket.Priority.Name());
        command.Parameters.AddWithValue("$category", ticket.Category.Name());
        command.Parameters.AddWithValue("$created", UtcTimestamp.ToText(ticket.CreatedAt));
        command.Parameters.AddWithValue("$version", ticket.Version);
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(ticket, TicketJsonContext.Default.Ticket));
    }

    // A ticket without files reads back with the same empty list a new one has, so that records compare equal.
    private static Ticket Deserialize(string body) =>
        JsonSerializer.Deserialize(body, TicketJsonContext.Default.Ticket) switch
        {
            null => throw new InvalidDataException("A stored ticket is empty."),
            { Attachments.Count: 0 } ticket => ticket with { Attachments = [] },
            var ticket => ticket,
        };


}
