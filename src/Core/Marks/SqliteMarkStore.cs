using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using static MspSupport.Core.Storage.SqliteConnections;

namespace MspSupport.Core.Marks;

/// <summary>
/// Marks in the embedded SQLite file (the tickets' file, its own table): key and expiry in Unix milliseconds. A claim
/// is one statement decided by the primary key (insert, or take over an expired row), so processes sharing the file
/// cannot both win. Expired rows are purged at start-up and then about once per <see cref="PurgeEvery"/>.
/// </summary>
public sealed class SqliteMarkStore : IMarkStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS marks (
            key        TEXT PRIMARY KEY,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_marks_expires ON marks (expires_at);
        """;

    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private long _nextPurge;

    public SqliteMarkStore(IOptions<StorageOptions> storage, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        _connectionString = ConnectionString(storage.Value);
        _time = time;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await SqliteConnections.InitializeAsync(_connectionString, Schema, cancellationToken);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await PurgeAsync(connection, _time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
    }

    public async Task<bool> TryClaimAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await PurgeIfDueAsync(connection, now, cancellationToken);
        await using var claim = Command(connection, """
            INSERT INTO marks (key, expires_at) VALUES ($key, $expires)
            ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE marks.expires_at <= $now;
            """);
        claim.Parameters.AddWithValue("$key", key);
        claim.Parameters.AddWithValue("$expires", now + (long)lifetime.TotalMilliseconds);
        claim.Parameters.AddWithValue("$now", now);
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SetAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await PurgeIfDueAsync(connection, now, cancellationToken);
        await using var set = Command(connection, """
            INSERT INTO marks (key, expires_at) VALUES ($key, $expires)
            ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at;
            """);
        set.Parameters.AddWithValue("$key", key);
        set.Parameters.AddWithValue("$expires", now + (long)lifetime.TotalMilliseconds);
        await set.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(_connectionString, cancellationToken, forWriting: false);
        await using var select = Command(connection, "SELECT 1 FROM marks WHERE key = $key AND expires_at > $now;");
        select.Parameters.AddWithValue("$key", key);
        select.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var delete = Command(connection, "DELETE FROM marks WHERE key = $key;");
        delete.Parameters.AddWithValue("$key", key);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    // One writer in a while does the purge; the others skip it (the compare-exchange picks that writer).
    private Task PurgeIfDueAsync(Microsoft.Data.Sqlite.SqliteConnection connection, long now, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextPurge);
        return now < due || Interlocked.CompareExchange(ref _nextPurge, now + (long)PurgeEvery.TotalMilliseconds, due) != due
            ? Task.CompletedTask
            : PurgeAsync(connection, now, cancellationToken);
    }

    private async Task PurgeAsync(Microsoft.Data.Sqlite.SqliteConnection connection, long now, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _nextPurge, now + (long)PurgeEvery.TotalMilliseconds);
        await using var purge = Command(connection, "DELETE FROM marks WHERE expires_at <= $now;");
        purge.Parameters.AddWithValue("$now", now);
        await purge.ExecuteNonQueryAsync(cancellationToken);
    }
}
