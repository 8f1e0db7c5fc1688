using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.AppRunner;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.OpenSearchServerless;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace MspSupport.Infra;

/// <summary>
/// The bot host on App Runner, its image repository, its role and its secrets. The service is only declared once
/// an image tag is given: App Runner fails to create a service whose image is not in the repository yet, so the
/// first deploy makes the repository, CI pushes an image, and the next deploy (with <c>botImageTag</c>) starts it.
/// </summary>
public sealed class BotStack : Stack
{
    public const int MinInstances = 1;
    public const int MaxInstances = 5;
    public const int ConcurrentRequestsPerInstance = 100;

    /// <summary>Where the image's Kestrel listens (deploy/bot/Dockerfile).</summary>
    public const string ServicePort = "8080";

    /// <summary>Length of the generated web chat keys: well above the application's 32-character minimum.</summary>
    public const int KeyLength = 64;

    // The bot creates its index on first start and then reads and writes documents; it never deletes the collection.
    private static readonly string[] CollectionPermissions =
        ["aoss:DescribeCollectionItems", "aoss:CreateCollectionItems", "aoss:UpdateCollectionItems"];
    private static readonly string[] IndexPermissions =
        ["aoss:CreateIndex", "aoss:DescribeIndex", "aoss:UpdateIndex", "aoss:ReadDocument", "aoss:WriteDocument"];

    public BotStack(Construct scope, string id, DeploymentSettings settings, DataStack data, KnowledgeStack knowledge, TicketApiStack api, IStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(api);

        Repository = new Repository(this, "Images", new RepositoryProps
        {
            RepositoryName = RepositoryName(settings),
            ImageScanOnPush = true,
            ImageTagMutability = TagMutability.IMMUTABLE,
            LifecycleRules = [new LifecycleRule { MaxImageCount = 20, Description = "Keep the last 20 images for rollback" }],
            RemovalPolicy = settings.IsProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });

        // Keys are the application's settings with __ for the colon; App Runner reads each value when an instance starts.
        var secrets = new Dictionary<string, Secret>
        {
            ["Teams__AppPassword"] = BotSecret(settings, "MicrosoftAppPassword", "Azure Bot registration client secret"),
            ["Slack__SigningSecret"] = BotSecret(settings, "SlackSigningSecret", "Slack app signing secret"),
            ["Slack__BotToken"] = BotSecret(settings, "SlackBotToken", "Slack bot token (xoxb-...)"),
        };
        if (settings.WebChat != WebChatAccess.Off)
        {
            // Shared by every instance, so a token one instance issued is good on the next; the generated value is final.
            secrets["WebChat__TokenSigningKey"] = BotSecret(
                settings, "WebChatTokenSigningKey", "Signs the web chat's Direct Line tokens; the generated value is fine as it is", KeyLength);
        }

        if (settings.WebChat == WebChatAccess.Portal)
        {
            secrets["WebChat__Auth__IdentitySecret"] = BotSecret(
                settings, "WebChatIdentitySecret", "HS256 secret the portal signs web chat identity tokens with (at least 32 characters)", KeyLength);
        }

        Secrets = secrets;

        InstanceRole = new Role(this, "InstanceRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("tasks.apprunner.amazonaws.com"),
            Description = "Bot on App Runner: its tables, the knowledge collection and bucket, the named Bedrock models, its secrets.",
        });
        GrantInstanceAccess(settings, data, knowledge);

        new CfnAccessPolicy(this, "CollectionDataAccess", new CfnAccessPolicyProps
        {
            Name = $"msp-{settings.EnvironmentName}-kb-bot",
            Type = "data",
            Description = "Only the bot's instance role reads and writes the knowledge collection and its indexes.",
            Policy = DataAccessPolicy(knowledge.CollectionName, InstanceRole.RoleArn),
        });

        var accessRole = new Role(this, "ImageAccessRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("build.apprunner.amazonaws.com"),
            Description = "Lets App Runner pull the bot image from this stack's repository.",
        });
        Repository.GrantPull(accessRole);

        Scaling = new CfnAutoScalingConfiguration(this, "Scaling", new CfnAutoScalingConfigurationProps
        {
            AutoScalingConfigurationName = $"msp-{settings.EnvironmentName}-bot",
            MinSize = MinInstances,
            MaxSize = MaxInstances,
            MaxConcurrency = ConcurrentRequestsPerInstance,
        });

        if (!settings.IsProduction)
        {
            // CloudFormation cannot delete a repository that holds images unless told to empty it; demo should tear down whole.
            ((CfnRepository)Repository.Node.DefaultChild!).AddPropertyOverride("EmptyOnDelete", true);
        }

        new CfnOutput(this, "RepositoryUriOutput", new CfnOutputProps { Value = Repository.RepositoryUri });

        if (settings.BotImageTag is null)
        {
            return;
        }

        Service = new CfnService(this, "Service", new CfnServiceProps
        {
            ServiceName = $"{settings.Prefix}-bot",
            SourceConfiguration = new CfnService.SourceConfigurationProperty
            {
                // Deploys happen through this stack (new tag), never by a push alone, so a rollback is a redeploy of an older tag.
                AutoDeploymentsEnabled = false,
                AuthenticationConfiguration = new CfnService.AuthenticationConfigurationProperty { AccessRoleArn = accessRole.RoleArn },
                ImageRepository = new CfnService.ImageRepositoryProperty
                {
                    ImageIdentifier = $"{Repository.RepositoryUri}:{settings.BotImageTag}",
                    ImageRepositoryType = "ECR",
                    ImageConfiguration = new CfnService.ImageConfigurationProperty
                    {
                        Port = ServicePort,
                        RuntimeEnvironmentVariables = Variables(settings, data, knowledge, api),
                        RuntimeEnvironmentSecrets = Secrets
                            .Select(s => (object)new CfnService.KeyValuePairProperty { Name = s.Key, Value = s.Value.SecretArn })
                            .ToArray(),
                    },
                },
            },
            InstanceConfiguration = new CfnService.InstanceConfigurationProperty
            {
                Cpu = settings.IsProduction ? "1 vCPU" : "0.5 vCPU",
                Memory = settings.IsProduction ? "2 GB" : "1 GB",
                InstanceRoleArn = InstanceRole.RoleArn,
            },
            HealthCheckConfiguration = new CfnService.HealthCheckConfigurationProperty
            {
                Protocol = "HTTP",
                Path = "/health",
                Interval = 10,
                Timeout = 5,
                HealthyThreshold = 1,
                UnhealthyThreshold = 5,
            },
            AutoScalingConfigurationArn = Scaling.AttrAutoScalingConfigurationArn,
        });
        new CfnOutput(this, "BotUrlOutput", new CfnOutputProps { Value = $"https://{Service.AttrServiceUrl}" });
    }

    public Repository Repository { get; }

    public Role InstanceRole { get; }

    public IReadOnlyDictionary<string, Secret> Secrets { get; }

    public CfnAutoScalingConfiguration Scaling { get; }

    /// <summary>Null until <see cref="DeploymentSettings.BotImageTag"/> is set.</summary>
    public CfnService? Service { get; }

    /// <summary>Fixed so that the deploy role (another stack) can be granted push rights without depending on this one.</summary>
    public static string RepositoryName(DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"msp-support-{settings.EnvironmentName}-bot";
    }

    private Secret BotSecret(DeploymentSettings settings, string name, string description, int length = 32) =>
        new(this, name, new SecretProps
        {
            SecretName = $"{settings.Prefix}/{name}",
            Description = $"{description}. Generated as a placeholder; replace it with put-secret-value (docs/deploy.md).",
            // Letters and digits only: the values end up in environment variables and HTTP headers as they are.
            GenerateSecretString = new SecretStringGenerator { PasswordLength = length, ExcludePunctuation = true },
        });

    private void GrantInstanceAccess(DeploymentSettings settings, DataStack data, KnowledgeStack knowledge)
    {
        foreach (var statement in TableAccess.ReadWrite(data.Tickets, DataStack.CustomerIndex, DataStack.StatusIndex)
            .Concat(TableAccess.ReadWrite(data.Sessions, DataStack.UserIndex))
            .Concat(data.AttachmentAccess()))
        {
            InstanceRole.AddToPolicy(statement);
        }

        InstanceRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["aoss:APIAccessAll"],
            Resources = [knowledge.Collection.AttrArn],
        }));
        InstanceRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [knowledge.Documents.BucketArn],
        }));
        InstanceRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            Resources = [knowledge.Documents.ArnForObjects("*")],
        }));
        InstanceRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:Decrypt", "kms:GenerateDataKey"],
            Resources = [knowledge.Key.KeyArn],
        }));
        InstanceRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
            Resources = [.. settings.Models.All.SelectMany(m => BedrockModels.Arns(Partition, Region, Account, m)).Distinct()],
        }));
        InstanceRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["secretsmanager:GetSecretValue"],
            Resources = [.. Secrets.Values.Select(s => s.SecretArn)],
        }));
        // PutMetricData has no resource-level permissions; the condition keeps the role to the application's namespace.
        InstanceRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["cloudwatch:PutMetricData"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["cloudwatch:namespace"] = MonitoringStack.AppNamespace },
            },
        }));
    }

    private static string DataAccessPolicy(string collectionName, string roleArn) => JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, object>
        {
            ["Description"] = "Bot role: search and index knowledge",
            ["Rules"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["ResourceType"] = "collection",
                    ["Resource"] = new[] { $"collection/{collectionName}" },
                    ["Permission"] = CollectionPermissions,
                },
                new Dictionary<string, object>
                {
                    ["ResourceType"] = "index",
                    ["Resource"] = new[] { $"index/{collectionName}/*" },
                    ["Permission"] = IndexPermissions,
                },
            },
            ["Principal"] = new[] { roleArn },
        },
    });

    private object[] Variables(DeploymentSettings settings, DataStack data, KnowledgeStack knowledge, TicketApiStack api)
    {
        // Names are the application's own settings (StorageOptions, OpenSearchHotTierOptions, AgentModelOptions, ...) with
        // __ for the colon; BotEnvironmentTests binds them into those option types and fails on a name nothing reads.
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = ServicePort,
            // App Runner ends TLS in front of the container; this makes ASP.NET Core take the scheme and client address
            // from X-Forwarded-Proto/-For (the last hop only), so the web chat hands out wss:// stream URLs, not ws://.
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            // For the AWS SDK clients built from the default chain (S3); the region-aware settings below name it themselves.
            ["AWS_REGION"] = Region,
            ["Storage__Provider"] = "DynamoDb",
            ["Storage__DynamoDb__Region"] = Region,
            ["Storage__DynamoDb__TicketsTable"] = data.Tickets.TableName,
            ["Storage__DynamoDb__SessionsTable"] = data.Sessions.TableName,
            ["Tickets__Attachments__S3Bucket"] = data.Attachments.BucketName,
            ["Tickets__Attachments__S3Prefix"] = DataStack.AttachmentPrefix,
            ["Knowledge__Hot__Endpoint"] = knowledge.Collection.AttrCollectionEndpoint,
            ["Knowledge__Hot__Region"] = Region,
            ["Knowledge__Cold__BucketName"] = knowledge.Documents.BucketName,
            ["Knowledge__Embeddings__Provider"] = "BedrockTitan",
            ["Knowledge__Embeddings__Bedrock__Region"] = Region,
            ["Knowledge__Embeddings__Bedrock__ModelId"] = settings.Models.Embedding,
            ["Agent__Models__Cheap__Provider"] = "Bedrock",
            ["Agent__Models__Cheap__Region"] = Region,
            ["Agent__Models__Cheap__ModelId"] = settings.Models.CheapChat,
            ["Agent__Models__Capable__Provider"] = "Bedrock",
            ["Agent__Models__Capable__Region"] = Region,
            ["Agent__Models__Capable__ModelId"] = settings.Models.CapableChat,
        };
        AddTeams(variables, settings);
        AddWebChat(variables, settings);

        // The bot serves the ticket API too (same routes, in process), so it takes the same callers as the function.
        foreach (var (name, value) in TicketApiStack.ApiKeyEnvironment(settings))
        {
            variables[name] = value;
        }

        if (api.JwtAuthority is not null && api.JwtAudience is not null)
        {
            variables["Auth__Jwt__Authority"] = api.JwtAuthority;
            variables["Auth__Jwt__Audience"] = api.JwtAudience;
        }

        return [.. variables.Select(v => (object)new CfnService.KeyValuePairProperty { Name = v.Key, Value = v.Value })];
    }

    private static void AddTeams(Dictionary<string, string> variables, DeploymentSettings settings)
    {
        if (settings.TeamsAppId is null)
        {
            return; // the channel stays off until the Azure Bot registration exists
        }

        variables["Teams__AppId"] = settings.TeamsAppId;
        variables["Teams__AppType"] = settings.TeamsAppType.ToString();
        if (settings.TeamsTenantId is not null)
        {
            variables["Teams__TenantId"] = settings.TeamsTenantId;
        }
    }

    private static void AddWebChat(Dictionary<string, string> variables, DeploymentSettings settings)
    {
        if (settings.WebChat == WebChatAccess.Off)
        {
            variables["WebChat__Enabled"] = "false";
            return;
        }

        variables["WebChat__Auth__Mode"] = settings.WebChat == WebChatAccess.Portal ? "signed" : "local";
        Optional(variables, "WebChat__Auth__IdentityIssuer", settings.WebChatIdentityIssuer);
        Optional(variables, "WebChat__Auth__IdentityAudience", settings.WebChatIdentityAudience);
        Optional(variables, "WebChat__PublicBaseUrl", settings.WebChatPublicBaseUrl);
    }

    private static void Optional(Dictionary<string, string> variables, string name, string? value)
    {
        if (value is not null)
        {
            variables[name] = value;
        }
    }
}
