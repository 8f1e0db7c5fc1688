using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace MspSupport.Infra;

/// <summary>
/// The DynamoDB tables and the bucket of files attached to tickets. Key names mirror
/// <c>src/Core/Tickets/DynamoDbTicketTable.cs</c>; a test compares the two, because the application only checks that
/// the tables exist and would fail on its first query otherwise.
/// </summary>
public sealed class DataStack : Stack
{
    public const string CustomerIndex = "CustomerIndex";
    public const string StatusIndex = "StatusIndex";
    public const string UserIndex = "UserIndex";

    /// <summary>The application's default <c>Tickets:Attachments:S3Prefix</c>; the stacks pass it and grant only keys under it.</summary>
    public const string AttachmentPrefix = "attachments/";

    public DataStack(Construct scope, string id, DeploymentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Prod keeps its data when the stack goes away or a change would replace a table; demo cleans up after itself.
        var removal = settings.IsProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        Tickets = new Table(this, "Tickets", new TableProps
        {
            TableName = $"{settings.Prefix}-Tickets",
            PartitionKey = new Attribute { Name = "TicketId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            DeletionProtection = settings.IsProduction,
            RemovalPolicy = removal,
            // Only idempotency records carry it (Tickets:IdempotencyKeyTtlHours); tickets never expire.
            TimeToLiveAttribute = "ExpiresAt",
        });
        AddCreatedAtIndex(Tickets, CustomerIndex, "CustomerId");
        AddCreatedAtIndex(Tickets, StatusIndex, "Status");

        Sessions = new Table(this, "Sessions", new TableProps
        {
            TableName = $"{settings.Prefix}-Sessions",
            PartitionKey = new Attribute { Name = "SessionId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            DeletionProtection = settings.IsProduction,
            RemovalPolicy = removal,
            TimeToLiveAttribute = "ExpiresAt",
        });
        Sessions.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = UserIndex,
            PartitionKey = new Attribute { Name = "UserId", Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });

        // Ticket files belong with the tickets: same lifetime as the tables. Not versioned, so that deleting a ticket's
        // file (or the ticket) really removes it; nothing reaches it but the two roles that are granted its objects.
        Attachments = new Bucket(this, "Attachments", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            LifecycleRules = [new LifecycleRule { AbortIncompleteMultipartUploadAfter = Duration.Days(1) }],
            RemovalPolicy = removal,
        });
        new CfnOutput(this, "AttachmentsBucketOutput", new CfnOutputProps { Value = Attachments.BucketName });
    }

    public Table Tickets { get; }

    public Table Sessions { get; }

    public Bucket Attachments { get; }

    /// <summary>The rights the application needs on attached files: put, get and delete objects, and list the bucket so that a missing file reads as 404, not 403.</summary>
    public IReadOnlyList<PolicyStatement> AttachmentAccess() =>
    [
        new(new PolicyStatementProps
        {
            Actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            Resources = [Attachments.ArnForObjects(AttachmentPrefix + "*")],
        }),
        new(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [Attachments.BucketArn],
        }),
    ];

    private static void AddCreatedAtIndex(Table table, string name, string partitionKey) =>
        table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = name,
            PartitionKey = new Attribute { Name = partitionKey, Type = AttributeType.STRING },
            SortKey = new Attribute { Name = "CreatedAt", Type = AttributeType.STRING },
            // Listings return whole tickets, as in the application's own table definition.
            ProjectionType = ProjectionType.ALL,
        });
}
