using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace MspSupport.Core.Storage;

/// <summary>
/// Connections to the database file kept open with their statements prepared, for a store whose few statements run on
/// every turn. A pooled <see cref="SqliteConnection"/> finalizes its commands' statements when it is closed, so a
/// store that opens one per call has SQLite parse and plan the same SQL on every call; these connections prepare each
/// statement once and only bind and step it afterwards.
/// A connection whose work failed is closed rather than kept, so no error state outlives the call that met it.
/// </summary>
internal sealed class SqlitePreparedConnections : IDisposable
{
    private readonly string _connectionString;
    private readonly int _maxIdle;
    private readonly ConcurrentBag<PreparedConnection> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    /// <param name="connectionString">The file's connection string (<see cref="SqliteConnections.ConnectionString"/>).</param>
    /// <param name="maxIdle">How many connections are kept open between calls; more open at once are closed after use.</param>
    public SqlitePreparedConnections(string connectionString, int maxIdle)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIdle);
        _connectionString = connectionString;
        _maxIdle = maxIdle;
    }

    /// <summary>Runs <paramref name="work"/> on a kept connection (or a new one when none is idle).</summary>
    public async Task<TResult> RunAsync<TState, TResult>(
        TState state, Func<PreparedConnection, TState, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = Rent() ?? new PreparedConnection(await SqliteConnections.OpenAsync(_connectionString, cancellationToken));
        TResult result;
        try
        {
            result = await work(connection, state, cancellationToken);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        Return(connection);
        return result;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private PreparedConnection? Rent()
    {
        if (!_idle.TryTake(out var connection))
        {
            return null;
        }

        Interlocked.Decrement(ref _idleCount);
        return connection;
    }

    private void Return(PreparedConnection connection)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > _maxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose(); // disposed while this one was being returned: nothing may stay open after Dispose
        }
    }
}

/// <summary>An open connection and the commands prepared on it, one per SQL text; used by one call at a time.</summary>
internal sealed class PreparedConnection : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public PreparedConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>The command for <paramref name="sql"/>, its statement prepared on first use, with no parameters set.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = SqliteConnections.Command(Connection, sql);
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }
}
