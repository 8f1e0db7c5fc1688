using MspSupport.Bot.Tests.Channels.Slack;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Testing.Fakes;
using MspSupport.TicketFunctions.Auth;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// The real bot host with every channel on at once, all of them speaking for customer A (<c>contoso</c>): Teams
/// against the Bot Connector stand-in (the customer tenant of <see cref="BotHostFactory"/>), Slack against the Slack
/// stand-in (workspace <see cref="SlackHostFactory.ContosoTeam"/>), the web chat in local mode, and a ticket API key
/// for contoso. Customer B (<c>fabrikam</c>) is reachable only through the technician key that files its ticket.
/// </summary>
internal sealed class IsolationHostFactory(BotConnectorStandIn connector, SlackApiStandIn slack) : AssistantHostFactory("isolation", TechKey, connector)
{
    public const string TechKey = "isolation-test-tech-key";
    public const string ContosoKey = "isolation-test-contoso-key";

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Auth:ApiKeys:1:Name"] = "contoso-portal";
        settings["Auth:ApiKeys:1:Hash"] = ApiKeyHash.HexOf(ContosoKey);
        settings["Auth:ApiKeys:1:Role"] = "Customer";
        settings["Auth:ApiKeys:1:CustomerId"] = "contoso";

        // Every test reads B's ticket with the technician key after each attempt: more than the per-caller default allows.
        settings["RateLimiting:Burst"] = "10000";
        settings["RateLimiting:PerSecond"] = "1000";

        settings["Identity:Tenants:0:Channel"] = "teams";
        settings["Identity:Tenants:0:TenantId"] = BotHostFactory.CustomerTenant;
        settings["Identity:Tenants:0:Role"] = "Customer";
        settings["Identity:Tenants:0:CustomerId"] = "contoso";
        settings["Identity:Tenants:1:Channel"] = "slack";
        settings["Identity:Tenants:1:TenantId"] = SlackHostFactory.ContosoTeam;
        settings["Identity:Tenants:1:CustomerId"] = "contoso";

        AddSlackStandInSettings(settings, slack.ApiBaseUrl);

        settings["WebChat:TokenSigningKey"] = "isolation-test-signing-key-0123456789abcdef";
        settings["WebChat:Auth:LocalCustomerId"] = "contoso";
    }
}
