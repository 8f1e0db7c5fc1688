using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace MspSupport.Infra;

/// <summary>
/// The DynamoDB tables. Key names mirror <c>src/Core/Tickets/DynamoDbTicketTable.cs</c>; a test compares the two,
/// because the application only checks that the tables exist and would fail on its first query otherwise.
/// </summary>
public sealed class DataStack : Stack
{
    public const string CustomerIndex = "CustomerIndex";
    public const string StatusIndex = "StatusIndex";
    public const string UserIndex = "UserIndex";

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
    }

    public Table Tickets { get; }

    public Table Sessions { get; }

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
