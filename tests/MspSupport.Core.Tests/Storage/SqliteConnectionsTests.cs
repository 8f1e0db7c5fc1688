using Microsoft.Data.Sqlite;
using MspSupport.Core.Storage;

namespace MspSupport.Core.Tests.Storage;

public sealed class SqliteConnectionsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mspsupport-sqlite-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_connection_for_writing_is_in_normal_sync_every_time_the_pool_hands_its_handle_out()
    {
        var connectionString = SqliteConnections.ConnectionString(new StorageOptions { Sqlite = { Path = Path.Combine(_folder, "t.db") } });
        await SqliteConnections.InitializeAsync(connectionString, "CREATE TABLE IF NOT EXISTS t (x INTEGER);", CancellationToken.None);

        // A reader first: the pool's handle is not configured by a read, so the next writer must still set it.
        await using (var reader = await SqliteConnections.OpenAsync(connectionString, CancellationToken.None, forWriting: false))
        {
            Assert.NotNull(reader.Handle);
        }

        for (var i = 0; i < 3; i++)
        {
            await using var writer = await SqliteConnections.OpenAsync(connectionString, CancellationToken.None);
            Assert.Equal(1L, await SynchronousAsync(writer)); // 1 = NORMAL (2 = FULL, SQLite's default)
        }

        // A handle the pool let go of is a new one, configured again.
        using (var pooled = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        await using var fresh = await SqliteConnections.OpenAsync(connectionString, CancellationToken.None);
        Assert.Equal(1L, await SynchronousAsync(fresh));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<long> SynchronousAsync(SqliteConnection connection)
    {
        await using var command = SqliteConnections.Command(connection, "PRAGMA synchronous;");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
