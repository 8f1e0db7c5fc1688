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

    /// <summary>
    /// How many times the AWS SDK retries a failed DynamoDB request (throttling, 5xx, dropped connections) before the
    /// store gives up, 0 to 10; empty keeps the SDK's default (2 in SDK v4's standard retry mode). A chat turn waits for
    /// the retries, so a higher value rides out more of a burst and a lower one says "busy, try again" sooner.
    /// </summary>
    public int? MaxErrorRetry { get; set; }
}
