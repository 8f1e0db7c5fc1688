namespace MspSupport.Core.Storage;

public sealed class SqliteStorageOptions
{
    /// <summary>The database file; relative paths are under the content root. Created when missing.</summary>
    public string Path { get; set; } = "data/msp-support.db";
}
