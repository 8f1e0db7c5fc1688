using System.Data;
using Microsoft.Data.Sqlite;
using MspSupport.Core.Storage;
using SQLitePCL;

namespace MspSupport.Core.Tests.Storage;

public sealed class SqlitePreparedConnectionsTests : IDisposable
{
    private const string Select = "SELECT x FROM t WHERE x = $x;";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mspsupport-prepared-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_statement_is_prepared_once_and_reused_by_later_calls_on_the_kept_connection()
    {
        using var connections = await OpenAsync(maxIdle: 4);

        var first = await connections.RunAsync(1L, ReadAsync, CancellationToken.None);
        var second = await connections.RunAsync(2L, ReadAsync, CancellationToken.None);

        Assert.Equal((1L, 2L), (first.Value, second.Value)); // each call binds its own value
        Assert.Same(first.Connection, second.Connection);
        // SQLite's own list of the connection's statements: the one SELECT, the same statement both times.
        Assert.Equal(new[] { Select }, first.Statements.Select(s => s.Sql));
        Assert.Equal(first.Statements, second.Statements);
    }

    [Fact]
    public async Task A_connection_whose_work_failed_is_closed_and_the_next_call_gets_another()
    {
        using var connections = await OpenAsync(maxIdle: 4);
        SqliteConnection? failed = null;

        await Assert.ThrowsAsync<SqliteException>(() => connections.RunAsync(0, async (connection, _, cancellationToken) =>
        {
            failed = connection.Connection;
            return await connection.Command("SELECT missing FROM nowhere;").ExecuteScalarAsync(cancellationToken);
        }, CancellationToken.None));
        var next = await connections.RunAsync(1L, ReadAsync, CancellationToken.None);

        Assert.Equal(ConnectionState.Closed, failed!.State);
        Assert.NotSame(failed, next.Connection);
        Assert.Equal(1L, next.Value);
    }

    [Fact]
    public async Task Connections_beyond_the_idle_limit_are_closed_after_their_call()
    {
        using var connections = await OpenAsync(maxIdle: 2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 3).Select(_ => connections.RunAsync(0, async (connection, _, _) =>
        {
            if (Interlocked.Increment(ref started) == 3)
            {
                all.SetResult();
            }

            await release.Task; // all three at once, so none can reuse another's connection
            return connection.Connection;
        }, CancellationToken.None)).ToList();
        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        release.SetResult();
        var used = await Task.WhenAll(calls);

        Assert.Equal(3, used.Distinct().Count());
        Assert.Equal(2, used.Count(c => c.State == ConnectionState.Open));
        Assert.Equal(1, used.Count(c => c.State == ConnectionState.Closed));
    }

    [Fact]
    public async Task Dispose_closes_the_kept_connections_and_later_calls_are_refused()
    {
        var connections = await OpenAsync(maxIdle: 4);
        var kept = await connections.RunAsync(1L, ReadAsync, CancellationToken.None);

        connections.Dispose();

        Assert.Equal(ConnectionState.Closed, kept.Connection.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => connections.RunAsync(1L, ReadAsync, CancellationToken.None));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<SqlitePreparedConnections> OpenAsync(int maxIdle)
    {
        var connectionString = SqliteConnections.ConnectionString(new StorageOptions { Sqlite = { Path = Path.Combine(_folder, "t.db") } });
        await SqliteConnections.InitializeAsync(connectionString, "CREATE TABLE IF NOT EXISTS t (x INTEGER); INSERT INTO t VALUES (1), (2);", CancellationToken.None);
        return new SqlitePreparedConnections(connectionString, maxIdle);
    }

    private static async Task<Read> ReadAsync(PreparedConnection connection, long x, CancellationToken cancellationToken)
    {
        // SQLitePCL lists a connection's statements only when asked to track them before they are prepared.
        connection.Connection.Handle!.enable_sqlite3_next_stmt(true);
        var select = connection.Command(Select);
        select.Parameters.AddWithValue("$x", x);
        var value = (long)(await select.ExecuteScalarAsync(cancellationToken))!;
        return new Read(value, connection.Connection, PreparedStatements(connection.Connection));
    }

    /// <summary>The statements SQLite holds prepared on the connection (sqlite3_next_stmt), as handle and SQL.</summary>
    private static List<(IntPtr Handle, string Sql)> PreparedStatements(SqliteConnection connection)
    {
        var statements = new List<(IntPtr, string)>();
        for (var statement = raw.sqlite3_next_stmt(connection.Handle, null); statement is not null && !statement.IsInvalid;
             statement = raw.sqlite3_next_stmt(connection.Handle, statement))
        {
            statements.Add((statement.DangerousGetHandle(), raw.sqlite3_sql(statement).utf8_to_string()));
        }

        return statements;
    }

    private sealed record Read(long Value, SqliteConnection Connection, List<(IntPtr Handle, string Sql)> Statements);
}
