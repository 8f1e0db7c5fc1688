using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.OpenSearchServerless;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace MspSupport.Infra;

/// <summary>
/// Knowledge storage: the OpenSearch Serverless vector collection (hot k-NN index) and the S3 bucket for source
/// documents and cold vector shards. The collection's data-access policy lives in <see cref="BotStack"/> beside
/// the role it names: that role's IAM policy names the collection, so keeping both here would make the two stacks
/// depend on each other.
/// </summary>
public sealed class KnowledgeStack : Stack
{
    public KnowledgeStack(Construct scope, string id, DeploymentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var removal = settings.IsProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        // Collection and policy names: lower case, at most 32 characters.
        CollectionName = $"msp-{settings.EnvironmentName}-knowledge";

        var encryption = new CfnSecurityPolicy(this, "CollectionEncryption", new CfnSecurityPolicyProps
        {
            Name = $"msp-{settings.EnvironmentName}-kb-enc",
            Type = "encryption",
            Policy = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["Rules"] = new[] { CollectionRule("collection", CollectionName) },
                ["AWSOwnedKey"] = true,
            }),
        });

        // Public endpoint, private data: App Runner reaches the collection without a VPC connector, and every request
        // is still SigV4-signed and checked against the data-access policy.
        var network = new CfnSecurityPolicy(this, "CollectionNetwork", new CfnSecurityPolicyProps
        {
            Name = $"msp-{settings.EnvironmentName}-kb-net",
            Type = "network",
            Policy = JsonSerializer.Serialize(new[]
            {
                new Dictionary<string, object>
                {
                    ["Rules"] = new[] { CollectionRule("collection", CollectionName) },
                    ["AllowFromPublic"] = true,
                },
            }),
        });

        Collection = new CfnCollection(this, "Collection", new CfnCollectionProps
        {
            Name = CollectionName,
            Type = "VECTORSEARCH",
            Description = "Knowledge base k-NN index (1024-dimension Titan v2 embeddings)",
        });
        // OCUs are the bill: with standby replicas a collection keeps at least 2 OCUs running, without them 1.
        // Demo gives up the replica in another zone to halve that; CDK 2.103 predates the property, hence the override.
        Collection.AddPropertyOverride("StandbyReplicas", settings.IsProduction ? "ENABLED" : "DISABLED");
        // A collection cannot be created before an encryption policy covers its name.
        Collection.AddDependency(encryption);
        Collection.AddDependency(network);

        Key = new Key(this, "DocumentsKey", new KeyProps
        {
            Description = $"{settings.Prefix} knowledge documents and vector shards",
            EnableKeyRotation = true,
            RemovalPolicy = removal,
        });

        Documents = new Bucket(this, "Documents", new BucketProps
        {
            Encryption = BucketEncryption.KMS,
            EncryptionKey = Key,
            BucketKeyEnabled = true,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Versioned = true,
            RemovalPolicy = removal,
        });

        new CfnOutput(this, "CollectionEndpointOutput", new CfnOutputProps { Value = Collection.AttrCollectionEndpoint });
        new CfnOutput(this, "DocumentsBucketOutput", new CfnOutputProps { Value = Documents.BucketName });
    }

    public string CollectionName { get; }

    public CfnCollection Collection { get; }

    public Key Key { get; }

    public Bucket Documents { get; }

    private static Dictionary<string, object> CollectionRule(string resourceType, string name) => new()
    {
        ["ResourceType"] = resourceType,
        ["Resource"] = new[] { $"collection/{name}" },
    };
}
