using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MspSupport.Core.Storage;

/// <summary>
/// Where tickets, sessions and memory live. Bound from the <c>Storage</c> section; validated at start-up.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (embedded default, no cloud account) or <c>DynamoDb</c>.</summary>
    [EnumDataType(typeof(StorageProvider), ErrorMessage = "Storage:Provider must be Sqlite or DynamoDb.")]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    [Required]
    [ValidateObjectMembers]
    public SqliteStorageOptions Sqlite { get; set; } = new();

    [Required]
    [ValidateObjectMembers]
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
    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:Sqlite:Path must name a file, e.g. data/msp-support.db.")]
    public string Path { get; set; } = "data/msp-support.db";
}

public sealed class DynamoDbStorageOptions
{
    /// <summary>AWS region; when empty, the AWS SDK's default chain decides (AWS_REGION, profile, instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint override for DynamoDB Local or dynalite, e.g. http://127.0.0.1:8000. Empty on AWS.</summary>
    [Url(ErrorMessage = "Storage:DynamoDb:ServiceUrl must be an absolute http(s) URL.")]
    public string? ServiceUrl { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:DynamoDb:TicketsTable must name the tickets table.")]
    public string TicketsTable { get; set; } = "Tickets";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:DynamoDb:SessionsTable must name the sessions table.")]
    public string SessionsTable { get; set; } = "Sessions";

    /// <summary>Create missing tables on start (local peers, first run). Off on AWS, where the CDK stack owns them.</summary>
    public bool CreateTables { get; set; }
}
