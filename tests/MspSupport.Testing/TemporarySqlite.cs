using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;

namespace MspSupport.Testing;

/// <summary>Storage options pointing at a SQLite file in a fresh temporary folder, removed (with its pooled connections) on dispose.</summary>
public sealed class TemporarySqlite : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "msp-tests", Guid.NewGuid().ToString("N"));

    public IOptions<StorageOptions> Storage => Options.Create(new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path.Combine(_folder, "msp-support.db") } });

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
