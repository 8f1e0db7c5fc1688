using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace MspSupport.Core.Storage;

/// <summary>
/// The connection settings and small command helpers every SQLite store of the one database file shares, so that
/// tickets, conversations and memories open the file the same way (WAL, busy timeout, NORMAL sync).
/// </summary>
internal static class SqliteConnections
{
    /// <summary>
    /// Native handles already set to NORMAL sync. A pragma lives as long as its handle, and the pool hands the same
    /// handle out again, so each is set once instead of on every open.
    /// </summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    public static string ConnectionString(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(options.Sqlite.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
    }

    /// <summary>Opens a pooled connection; <paramref name="forWriting"/> = false skips the write-only pragma (hot read paths).</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken, bool forWriting = true)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (forWriting && connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
        {
            // Per connection: WAL makes NORMAL durable across application crashes; only an OS crash can lose the
            // last commits, an accepted trade for an embedded default (the AWS stores are the durable ones).
            await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL;", cancellationToken);
            Configured.AddOrUpdate(handle, Configured);
        }

        return connection;
    }

    /// <summary>Switches the file to WAL (a property of the file, so once is enough) and applies a schema.</summary>
    public static async Task InitializeAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
        await ExecuteAsync(connection, schema, cancellationToken);
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
