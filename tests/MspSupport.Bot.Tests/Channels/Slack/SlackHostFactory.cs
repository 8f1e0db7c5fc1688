using Microsoft.Extensions.DependencyInjection;
using MspSupport.Bot.Tests.Handoff;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>
/// The real bot host with the Slack channel on, pointed at the Slack Web API stand-in the way an operator points it at
/// Slack (signing secret, bot token, API base URL). Workspace <see cref="ContosoTeam"/> belongs to customer contoso,
/// <see cref="FabrikamTeam"/> to fabrikam. With <c>teams</c>, Teams is on as well and escalations go to the triage
/// channel there: the set-up of the handoff tests' Slack customer.
/// </summary>
internal sealed class SlackHostFactory(SlackApiStandIn slack, IReadOnlyDictionary<string, string?>? extra = null, BotConnectorStandIn? teams = null, Action<IServiceCollection>? extraServices = null)
    : AssistantHostFactory("slack", TechKey, teams)
{
    public const string SigningSecret = "test-signing-secret-0123456789abcdef";
    public const string BotToken = "xoxb-test-bot-token";
    public const string BotUser = "U0ASSISTANT";
    public const string ContosoTeam = "T0CONTOSO";
    public const string FabrikamTeam = "T0FABRIKAM";
    public const string TechKey = "slack-test-tech-key";

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Knowledge:SourceBaseUrl"] = "https://kb.example-msp.com";
        AddSlackStandInSettings(settings, slack.ApiBaseUrl);
        settings["Identity:Tenants:0:Channel"] = "slack";
        settings["Identity:Tenants:0:TenantId"] = ContosoTeam;
        settings["Identity:Tenants:0:CustomerId"] = "contoso";
        settings["Identity:Tenants:1:Channel"] = "slack";
        settings["Identity:Tenants:1:TenantId"] = FabrikamTeam;
        settings["Identity:Tenants:1:CustomerId"] = "fabrikam";
        if (Teams is { } connector)
        {
            HandoffHostFactory.AddTriage(settings, connector);
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    protected override void ConfigureServices(IServiceCollection services) => extraServices?.Invoke(services);
}
