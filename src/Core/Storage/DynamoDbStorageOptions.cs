namespace MspSupport.Core.Storage;

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
