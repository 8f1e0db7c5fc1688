using System.Globalization;
using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Function = Amazon.CDK.AWS.Lambda.Function;
using FunctionProps = Amazon.CDK.AWS.Lambda.FunctionProps;

namespace MspSupport.Infra;

/// <summary>
/// The ticket API: the Native AOT function behind the Lambda Web Adapter, and an HTTP API in front of it.
/// The HTTP API is built from the L1 <c>AWS::ApiGatewayV2::*</c> resources because its L2 constructs were still
/// alpha modules (separate packages) in CDK 2.103.
/// </summary>
public sealed class TicketApiStack : Stack
{
    public static readonly IReadOnlyList<string> Routes =
    [
        "POST /tickets",
        "GET /tickets",
        "GET /tickets/{ticketId}",
        "PATCH /tickets/{ticketId}",
        "DELETE /tickets/{ticketId}",
        "POST /tickets/{ticketId}/attachments",
        "GET /tickets/{ticketId}/attachments/{attachmentId}",
        "GET /health",
    ];

    /// <summary>
    /// Largest attached file the function accepts. A Lambda request or response holds at most 6 MB, and API Gateway
    /// hands binary bodies over base64-encoded (4/3 larger), so the function says no itself above 4 MiB instead of
    /// letting the platform refuse the upload without a word.
    /// </summary>
    public const long FunctionAttachmentMaxBytes = 4 * 1024 * 1024;

    public TicketApiStack(Construct scope, string id, DeploymentSettings settings, DataStack data, IStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);

        var functionName = $"{settings.Prefix}-TicketApi";
        var functionLogs = new LogGroup(this, "FunctionLogs", new LogGroupProps
        {
            // Named like the group Lambda would make itself, so the function writes here and retention applies.
            LogGroupName = $"/aws/lambda/{functionName}",
            Retention = settings.IsProduction ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        var role = new Role(this, "FunctionRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "Ticket API function: its own log group, the tickets table with its indexes and the ticket files, nothing else.",
        });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [functionLogs.LogGroupArn],
        }));
        foreach (var statement in TableAccess.ReadWrite(data.Tickets, DataStack.CustomerIndex, DataStack.StatusIndex).Concat(data.AttachmentAccess()))
        {
            role.AddToPolicy(statement);
        }

        Function = new Function(this, "Function", new FunctionProps
        {
            FunctionName = functionName,
            // CDK 2.103 predates the Runtime.PROVIDED_AL2023 constant; the runtime itself is what Lambda names it.
            Runtime = new Runtime("provided.al2023", RuntimeFamily.OTHER),
            Handler = "bootstrap",
            Code = Code.FromAsset(settings.TicketFunctionCode),
            Architecture = settings.Architecture == FunctionArchitecture.Arm64 ? Architecture.ARM_64 : Architecture.X86_64,
            MemorySize = 256,
            Timeout = Duration.Seconds(30),
            Role = role,
            Layers = [LayerVersion.FromLayerVersionArn(this, "WebAdapter", WebAdapterLayerArn(settings))],
            Environment = FunctionEnvironment(settings, data),
        });
        Function.Node.AddDependency(functionLogs);

        Api = new CfnApi(this, "HttpApi", new CfnApiProps
        {
            Name = $"{settings.Prefix}-tickets",
            ProtocolType = "HTTP",
            Description = "MSP Support ticket API",
        });

        var integration = new CfnIntegration(this, "FunctionIntegration", new CfnIntegrationProps
        {
            ApiId = Api.Ref,
            IntegrationType = "AWS_PROXY",
            IntegrationUri = Function.FunctionArn,
            PayloadFormatVersion = "2.0",
            TimeoutInMillis = 30_000,
        });

        string? authorizerId = null;
        if (settings.Authorizer == ApiAuthorizer.Jwt)
        {
            authorizerId = AddCognito(settings);
        }

        foreach (var route in Routes)
        {
            // Health stays open: load balancers, the deploy workflow and the Web Adapter's readiness check call it without tokens.
            var guarded = authorizerId is not null && route != "GET /health";
            new CfnRoute(this, "Route" + RouteId(route), new CfnRouteProps
            {
                ApiId = Api.Ref,
                RouteKey = route,
                Target = $"integrations/{integration.Ref}",
                AuthorizationType = guarded ? "JWT" : "NONE",
                AuthorizerId = guarded ? authorizerId : null,
            });
        }

        var accessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = settings.IsProduction ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        new CfnStage(this, "DefaultStage", new CfnStageProps
        {
            ApiId = Api.Ref,
            StageName = "$default",
            AutoDeploy = true,
            DefaultRouteSettings = new CfnStage.RouteSettingsProperty
            {
                ThrottlingRateLimit = settings.ApiRateLimit,
                ThrottlingBurstLimit = settings.ApiBurstLimit,
                DetailedMetricsEnabled = true,
            },
            AccessLogSettings = new CfnStage.AccessLogSettingsProperty
            {
                DestinationArn = accessLogs.LogGroupArn,
                Format = AccessLogFormat,
            },
        });

        Function.AddPermission("InvokeFromHttpApi", new Permission
        {
            Principal = new ServicePrincipal("apigateway.amazonaws.com"),
            SourceArn = $"arn:{Aws.PARTITION}:execute-api:{Region}:{Account}:{Api.Ref}/*/*",
        });

        ApiUrl = $"https://{Api.Ref}.execute-api.{Region}.{Aws.URL_SUFFIX}";
        new CfnOutput(this, "ApiUrlOutput", new CfnOutputProps { ExportName = $"{settings.Prefix}-ApiUrl", Value = ApiUrl });
        new CfnOutput(this, "FunctionNameOutput", new CfnOutputProps { Value = Function.FunctionName });
    }

    public Function Function { get; }

    public CfnApi Api { get; }

    public string ApiUrl { get; }

    /// <summary>With <see cref="ApiAuthorizer.Jwt"/>: the Cognito issuer, which the bot's copy of the ticket API trusts too.</summary>
    public string? JwtAuthority { get; private set; }

    /// <summary>With <see cref="ApiAuthorizer.Jwt"/>: the app client id that ID tokens name as <c>aud</c>.</summary>
    public string? JwtAudience { get; private set; }

    /// <summary><c>Auth:ApiKeys:N:*</c> for every configured key: the ticket function and the bot (which serves the same API) take the same keys.</summary>
    public static Dictionary<string, string> ApiKeyEnvironment(DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string>();
        for (var i = 0; i < settings.ApiKeys.Count; i++)
        {
            var key = settings.ApiKeys[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Auth__ApiKeys__{i}__");
            environment[at + "Name"] = key.Name;
            environment[at + "Role"] = key.Role;
            environment[at + "Hash"] = key.Hash;
            if (key.CustomerId is not null)
            {
                environment[at + "CustomerId"] = key.CustomerId;
            }
        }

        return environment;
    }

    // One JSON object per request; no headers or bodies, so neither keys nor tokens reach the logs.
    private static string AccessLogFormat => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["requestId"] = "$context.requestId",
        ["ip"] = "$context.identity.sourceIp",
        ["time"] = "$context.requestTime",
        ["method"] = "$context.httpMethod",
        ["route"] = "$context.routeKey",
        ["status"] = "$context.status",
        ["latencyMs"] = "$context.responseLatency",
        ["integrationError"] = "$context.integrationErrorMessage",
    });

    private string AddCognito(DeploymentSettings settings)
    {
        var users = new UserPool(this, "Users", new UserPoolProps
        {
            UserPoolName = $"{settings.Prefix}-users",
            SelfSignUpEnabled = false,
            SignInAliases = new SignInAliases { Email = true },
            CustomAttributes = new Dictionary<string, ICustomAttribute>
            {
                // Read by the API as custom:customer_id (Auth:Jwt:CustomerClaim); only admins may set it.
                ["customer_id"] = new StringAttribute(new StringAttributeProps { MinLen = 2, MaxLen = 64, Mutable = true }),
            },
            RemovalPolicy = settings.IsProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        foreach (var group in new[] { "Admin", "Technician", "Customer" })
        {
            new CfnUserPoolGroup(this, "Group" + group, new CfnUserPoolGroupProps { UserPoolId = users.UserPoolId, GroupName = group });
        }

        var client = users.AddClient("ApiClient", new UserPoolClientOptions
        {
            AuthFlows = new AuthFlow { UserSrp = true },
            GenerateSecret = false,
        });

        var issuer = $"https://cognito-idp.{Region}.amazonaws.com/{users.UserPoolId}";
        JwtAuthority = issuer;
        JwtAudience = client.UserPoolClientId;
        Function.AddEnvironment("Auth__Jwt__Authority", issuer);
        Function.AddEnvironment("Auth__Jwt__Audience", client.UserPoolClientId);
        new CfnOutput(this, "UserPoolIdOutput", new CfnOutputProps { Value = users.UserPoolId });
        new CfnOutput(this, "UserPoolClientIdOutput", new CfnOutputProps { Value = client.UserPoolClientId });

        var authorizer = new CfnAuthorizer(this, "JwtAuthorizer", new CfnAuthorizerProps
        {
            ApiId = Api.Ref,
            Name = "cognito",
            AuthorizerType = "JWT",
            IdentitySource = ["$request.header.Authorization"],
            JwtConfiguration = new CfnAuthorizer.JWTConfigurationProperty
            {
                Audience = [client.UserPoolClientId],
                Issuer = issuer,
            },
        });
        return authorizer.Ref;
    }

    private string WebAdapterLayerArn(DeploymentSettings settings)
    {
        if (settings.WebAdapterLayerArn is not null)
        {
            return settings.WebAdapterLayerArn;
        }

        var layer = settings.Architecture == FunctionArchitecture.Arm64 ? "LambdaAdapterLayerArm64" : "LambdaAdapterLayerX86";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"arn:{Aws.PARTITION}:lambda:{Region}:753240598075:layer:{layer}:{settings.WebAdapterLayerVersion}");
    }

    private static Dictionary<string, string> FunctionEnvironment(DeploymentSettings settings, DataStack data)
    {
        var environment = new Dictionary<string, string>
        {
            // The Web Adapter forwards to 8080 by default and waits for /health before the first request.
            ["ASPNETCORE_HTTP_PORTS"] = "8080",
            ["AWS_LWA_READINESS_CHECK_PATH"] = "/health",
            ["Storage__Provider"] = "DynamoDb",
            ["Storage__DynamoDb__TicketsTable"] = data.Tickets.TableName,
            ["Storage__DynamoDb__SessionsTable"] = data.Sessions.TableName,
            ["Tickets__Attachments__S3Bucket"] = data.Attachments.BucketName,
            ["Tickets__Attachments__S3Prefix"] = DataStack.AttachmentPrefix,
            ["Tickets__Attachments__MaxBytes"] = FunctionAttachmentMaxBytes.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in ApiKeyEnvironment(settings))
        {
            environment[name] = value;
        }

        return environment;
    }

    private static string RouteId(string route) =>
        string.Concat(route.Where(char.IsLetterOrDigit));
}
