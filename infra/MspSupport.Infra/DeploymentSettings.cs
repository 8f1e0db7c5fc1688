using System.Globalization;

namespace MspSupport.Infra;

/// <summary>
/// Everything that differs between deployments, read from CDK context (<c>cdk.json</c> or <c>-c key=value</c>).
/// One record so that the stacks take their choices from one place and the tests can build any combination.
/// </summary>
public sealed record DeploymentSettings
{
    public const string Demo = "demo";
    public const string Production = "prod";

    /// <summary><c>demo</c> or <c>prod</c>; prod keeps data on delete and turns on deletion protection.</summary>
    public required string EnvironmentName { get; init; }

    public string? Account { get; init; }
    public string? Region { get; init; }

    /// <summary>The ticket function's zip, built by <c>deploy/lambda/build-zip.sh</c>, or a folder to zip.</summary>
    public required string TicketFunctionCode { get; init; }

    public FunctionArchitecture Architecture { get; init; } = FunctionArchitecture.X64;

    /// <summary>
    /// The Lambda Web Adapter layer. Empty: the public layer in the stack's region,
    /// <c>arn:aws:lambda:{region}:753240598075:layer:LambdaAdapterLayerX86:{version}</c> (or <c>...Arm64</c>).
    /// </summary>
    public string? WebAdapterLayerArn { get; init; }
    public int WebAdapterLayerVersion { get; init; } = 25;

    public ApiAuthorizer Authorizer { get; init; } = ApiAuthorizer.ApiKey;
    public IReadOnlyList<ApiKeySetting> ApiKeys { get; init; } = [];
    public int ApiRateLimit { get; init; } = 50;
    public int ApiBurstLimit { get; init; } = 100;

    public required string GitHubOwner { get; init; }
    public required string GitHubRepository { get; init; }
    public string GitHubBranch { get; init; } = "main";

    /// <summary>An account has one GitHub OIDC provider; name it here when another stack already made it.</summary>
    public string? GitHubOidcProviderArn { get; init; }

    /// <summary>The bot image tag in the stack's ECR repository. Empty: no App Runner service yet (first deploy, before a push).</summary>
    public string? BotImageTag { get; init; }

    public ModelIds Models { get; init; } = new();

    /// <summary>The Azure Bot registration's Microsoft App ID (a GUID). Empty: the Teams channel stays off.</summary>
    public string? TeamsAppId { get; init; }

    public TeamsAppType TeamsAppType { get; init; } = TeamsAppType.MultiTenant;

    /// <summary>The bot's home tenant (a GUID); required with <see cref="TeamsAppType.SingleTenant"/>.</summary>
    public string? TeamsTenantId { get; init; }

    public WebChatAccess WebChat { get; init; } = WebChatAccess.Portal;

    /// <summary>Signed mode: the <c>iss</c> the portal puts in its identity tokens; empty skips the check.</summary>
    public string? WebChatIdentityIssuer { get; init; }

    /// <summary>Signed mode: the <c>aud</c> the portal puts in its identity tokens; empty skips the check.</summary>
    public string? WebChatIdentityAudience { get; init; }

    /// <summary>
    /// The https address people reach the bot at (a custom domain), for the web chat's WebSocket URL. Empty: the
    /// request's own host, with the scheme App Runner forwards.
    /// </summary>
    public string? WebChatPublicBaseUrl { get; init; }

    public string? AlarmEmail { get; init; }

    public bool IsProduction => EnvironmentName == Production;

    /// <summary>Prefix for stack and resource names, so demo and prod can share an account.</summary>
    public string Prefix => $"MspSupport-{EnvironmentName}";

    /// <summary>Reads the settings from context; a bad value stops synthesis with a message naming the context key.</summary>
    public static DeploymentSettings FromContext(Func<string, string?> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? Text(string key) => context(key) is { Length: > 0 } value ? value.Trim() : null;
        string Required(string key) => Text(key) ?? throw new ArgumentException($"CDK context '{key}' is required (cdk.json or -c {key}=...).");

        var environment = Text("environment") ?? Demo;
        if (environment is not (Demo or Production))
        {
            throw new ArgumentException($"CDK context 'environment' must be '{Demo}' or '{Production}', not '{environment}'.");
        }

        var defaults = new ModelIds();
        var settings = new DeploymentSettings
        {
            EnvironmentName = environment,
            Account = Text("account"),
            Region = Text("region"),
            TicketFunctionCode = Required("ticketFunctionCode"),
            Architecture = Text("architecture") switch
            {
                null or "x86_64" => FunctionArchitecture.X64,
                "arm64" => FunctionArchitecture.Arm64,
                var other => throw new ArgumentException($"CDK context 'architecture' must be 'x86_64' or 'arm64', not '{other}'."),
            },
            WebAdapterLayerArn = Text("webAdapterLayerArn"),
            WebAdapterLayerVersion = Number(Text("webAdapterLayerVersion"), "webAdapterLayerVersion", 25),
            Authorizer = Text("authorizer") switch
            {
                null or "apikey" => ApiAuthorizer.ApiKey,
                "jwt" => ApiAuthorizer.Jwt,
                var other => throw new ArgumentException($"CDK context 'authorizer' must be 'apikey' or 'jwt', not '{other}'."),
            },
            ApiKeys = ParseApiKeys(Text("apiKeys")),
            ApiRateLimit = Number(Text("apiRateLimit"), "apiRateLimit", 50),
            ApiBurstLimit = Number(Text("apiBurstLimit"), "apiBurstLimit", 100),
            GitHubOwner = Required("githubOwner"),
            GitHubRepository = Required("githubRepository"),
            GitHubBranch = Text("githubBranch") ?? "main",
            GitHubOidcProviderArn = Text("githubOidcProviderArn"),
            BotImageTag = Text("botImageTag"),
            Models = new ModelIds
            {
                CheapChat = Text("cheapChatModelId") ?? defaults.CheapChat,
                CapableChat = Text("capableChatModelId") ?? defaults.CapableChat,
                Embedding = Text("embeddingModelId") ?? defaults.Embedding,
            },
            AlarmEmail = Text("alarmEmail"),
            TeamsAppId = Guid(Text("teamsAppId"), "teamsAppId"),
            TeamsAppType = Text("teamsAppType") switch
            {
                null or "MultiTenant" => TeamsAppType.MultiTenant,
                "SingleTenant" => TeamsAppType.SingleTenant,
                var other => throw new ArgumentException($"CDK context 'teamsAppType' must be 'MultiTenant' or 'SingleTenant', not '{other}'."),
            },
            TeamsTenantId = Guid(Text("teamsTenantId"), "teamsTenantId"),
            WebChat = Text("webChat") switch
            {
                null or "signed" => WebChatAccess.Portal,
                "local" => WebChatAccess.Local,
                "off" => WebChatAccess.Off,
                var other => throw new ArgumentException($"CDK context 'webChat' must be 'signed', 'local' or 'off', not '{other}'."),
            },
            WebChatIdentityIssuer = Text("webChatIdentityIssuer"),
            WebChatIdentityAudience = Text("webChatIdentityAudience"),
            WebChatPublicBaseUrl = HttpsUrl(Text("webChatPublicBaseUrl"), "webChatPublicBaseUrl"),
        };
        if (settings.Authorizer == ApiAuthorizer.ApiKey && settings.ApiKeys.Count == 0)
        {
            // The application refuses to start without a way in; better to stop here than deploy a function that cannot start.
            throw new ArgumentException(
                "CDK context 'apiKeys' must hold at least one key when 'authorizer' is 'apikey' " +
                "(entries 'name:Role:customerId:sha256'; make one with: dotnet run --project src/TicketFunctions -- hash-key).");
        }

        CheckChannels(settings);
        return settings;
    }

    // The bot checks these again at start-up; stopping here saves a deploy that would only end in a failed health check.
    private static void CheckChannels(DeploymentSettings settings)
    {
        if (settings.TeamsAppType == TeamsAppType.SingleTenant && settings.TeamsTenantId is null)
        {
            throw new ArgumentException("CDK context 'teamsTenantId' is required when 'teamsAppType' is 'SingleTenant' (the bot's home tenant id).");
        }

        if (settings.TeamsAppId is null && settings.TeamsTenantId is not null)
        {
            throw new ArgumentException("CDK context 'teamsTenantId' is set but 'teamsAppId' is not; set the Azure Bot registration's App ID too, or neither.");
        }

        if (settings.IsProduction && settings.WebChat == WebChatAccess.Local)
        {
            throw new ArgumentException(
                "CDK context 'webChat' cannot be 'local' in prod: anyone reaching the URL could chat. Use 'signed' (the portal signs its users in) or 'off'.");
        }
    }

    private static string? Guid(string? text, string key) => text is null || System.Guid.TryParseExact(text, "D", out _)
        ? text?.ToLowerInvariant()
        : throw new ArgumentException($"CDK context '{key}' must be a GUID like 00000000-0000-0000-0000-000000000000, not '{text}'.");

    private static string? HttpsUrl(string? text, string key) =>
        text is null || (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && url.PathAndQuery == "/")
            ? text?.TrimEnd('/')
            : throw new ArgumentException($"CDK context '{key}' must be an https address without a path, e.g. https://support.example.com, not '{text}'.");

    private static int Number(string? text, string key, int fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"CDK context '{key}' must be a positive whole number, not '{text}'.");
    }

    // "name:Role:customerId:sha256hex;..." keeps the context a plain string that works the same from cdk.json and -c.
    private static List<ApiKeySetting> ParseApiKeys(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var keys = new List<ApiKeySetting>();
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length != 4)
            {
                throw new ArgumentException(
                    "CDK context 'apiKeys' holds entries 'name:Role:customerId:sha256' separated by ';' (customerId empty for staff keys).");
            }

            keys.Add(new ApiKeySetting(parts[0], parts[1], parts[2].Length == 0 ? null : parts[2], parts[3]));
        }

        return keys;
    }
}
