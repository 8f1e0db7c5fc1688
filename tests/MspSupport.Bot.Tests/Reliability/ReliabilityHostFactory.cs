using MspSupport.Bot.Tests.Channels.Slack;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Reliability;

/// <summary>
/// The real bot host with every channel on at once: Teams against the Bot Connector stand-in (tenant
/// <see cref="BotHostFactory.CustomerTenant"/> is customer contoso), Slack against the Slack Web API stand-in (workspace
/// <see cref="SlackHostFactory.FabrikamTeam"/> is fabrikam), the web chat in local mode (contoso) and the ticket API
/// (technician key <see cref="TechKey"/>). Storage is the embedded SQLite file and there is no model unless
/// <paramref name="extra"/> settings say otherwise (DynamoDB at a dynalite, a model stand-in). The rate limit is lifted: a
/// load test is many callers, not one caller flooding.
/// </summary>
internal sealed class ReliabilityHostFactory(BotConnectorStandIn teams, SlackApiStandIn slack, IReadOnlyDictionary<string, string?>? extra = null)
    : AssistantHostFactory("reliability", TechKey, teams)
{
    public const string TechKey = "reliability-test-tech-key";

    /// <summary>Settings that put tickets, conversations and memories in DynamoDB at <paramref name="serviceUrl"/>, in tables of their own.</summary>
    public static Dictionary<string, string?> DynamoDb(string serviceUrl, string tablePrefix) => new()
    {
        ["Storage:Provider"] = "DynamoDb",
        ["Storage:DynamoDb:ServiceUrl"] = serviceUrl,
        ["Storage:DynamoDb:Region"] = "us-east-1",
        ["Storage:DynamoDb:TicketsTable"] = tablePrefix + "-tickets",
        ["Storage:DynamoDb:SessionsTable"] = tablePrefix + "-sessions",
        ["Storage:DynamoDb:CreateTables"] = "true",
    };

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["RateLimiting:Burst"] = "100000";
        settings["RateLimiting:PerSecond"] = "100000";

        settings["Identity:Tenants:0:Channel"] = "teams";
        settings["Identity:Tenants:0:TenantId"] = BotHostFactory.CustomerTenant;
        settings["Identity:Tenants:0:Role"] = "Customer";
        settings["Identity:Tenants:0:CustomerId"] = "contoso";
        settings["Identity:Tenants:1:Channel"] = "slack";
        settings["Identity:Tenants:1:TenantId"] = SlackHostFactory.FabrikamTeam;
        settings["Identity:Tenants:1:CustomerId"] = "fabrikam";

        AddSlackStandInSettings(settings, slack.ApiBaseUrl);

        settings["WebChat:TokenSigningKey"] = "reliability-test-signing-key-0123456789abcdef";
        settings["WebChat:Auth:LocalCustomerId"] = "contoso";

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }
}
