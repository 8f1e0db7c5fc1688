namespace MspSupport.Core.Storage;

/// <summary>
/// Where tickets, sessions and memory live. Bound from the <c>Storage</c> section; validated at start-up.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (embedded default, no cloud account) or <c>DynamoDb</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public DynamoDbStorageOptions DynamoDb { get; set; } = new();
}
