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

public enum StorageProvider
{
    Sqlite,
    DynamoDb,
}

public sealed class SqliteStorageOptions
{
    /// <summary>The database file; relative paths are under the content root. Created when missing.</summary>
    public string Path { get; set; } = "data/msp-support.db";
}

public sealed class DynamoDbStorageOptions
{
    /// <summary>AWS region; when empty, the AWS SDK's default chain decides (AWS_REGION, profile, instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint override for DynamoDB Local or dynalite, e.g. http://127.0.0.1:8000. Empty on AWS.</summary>
    public string? ServiceUrl { get; set; }
    public string TicketsTable { get; set; } = "Tickets";
    public string SessionsTable { get; set; } = "Sessions";

    /// <summary>Create missing tables on start (local peers, first run). Off on AWS, where the CDK stack owns them.</summary>
    public bool CreateTables { get; set; }
}
