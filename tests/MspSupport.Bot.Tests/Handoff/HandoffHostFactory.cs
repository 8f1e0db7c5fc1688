using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Handoff;

/// <summary>
/// The real bot host with the web chat (local mode: customer <c>contoso</c>), Teams against the Bot Connector stand-in
/// (a Teams customer tenant for <c>fabrikam</c>, whose drafts need review; one MSP technician) and the triage channel
/// pointed at a channel of the stand-in. At most three web conversations are held, so a test can lose one on purpose.
/// Besides Bob (the technician every Teams host knows) the MSP has a second technician and an admin in Teams; a Teams
/// customer user and a Slack technician are configured too (neither may see triage cards refresh). Three "not helpful"
/// presses hand over. <paramref name="extra"/> adds settings (a model, for instance).
/// </summary>
internal sealed class HandoffHostFactory(BotConnectorStandIn connector, IReadOnlyDictionary<string, string?>? extra = null)
    : AssistantHostFactory("handoff", TechKey, connector)
{
    public const string CarolAadId = "22222222-3333-4444-8555-666666666666";
    public const string AdminAadId = "33333333-4444-4555-8666-777777777777";
    public const string TeamsCustomerAadId = "44444444-5555-4666-8777-888888888888";

    public const string TriageChannel = "19:triage0123456789@thread.tacv2";
    public const string FabrikamTenant = "7a7a7a7a-1111-4222-8333-fab000000001";
    public const string TechKey = "handoff-test-tech-key";

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Identity:Tenants:0:Channel"] = "teams";
        settings["Identity:Tenants:0:TenantId"] = FabrikamTenant;
        settings["Identity:Tenants:0:Role"] = "Customer";
        settings["Identity:Tenants:0:CustomerId"] = "fabrikam";
        settings["WebChat:TokenSigningKey"] = "handoff-test-signing-key-0123456789abcdef";
        settings["WebChat:Auth:LocalCustomerId"] = "contoso";
        settings["WebChat:MaxConversations"] = "3";
        AddTriage(settings, Teams!);
        settings["Handoff:ReviewCustomers:0"] = "fabrikam";
        settings["Handoff:DeliveryAttempts"] = "2";
        settings["Handoff:DeliveryRetryDelayMilliseconds"] = "10";
        settings["Handoff:NotHelpfulLimit"] = "3";
        AddUser(settings, 1, "teams", CarolAadId, "Technician", "Carol (MSP)");
        AddUser(settings, 2, "teams", AdminAadId, "Admin", "Dana (MSP admin)");
        AddUser(settings, 3, "teams", TeamsCustomerAadId, "Customer", "Eve (Contoso)");
        settings["Identity:Users:3:CustomerId"] = "contoso";
        AddUser(settings, 4, "slack", "U0SLACKTECH", "Technician", "Sam (MSP)");
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    private static void AddUser(IDictionary<string, string?> settings, int index, string channel, string userId, string role, string name)
    {
        var at = $"Identity:Users:{index}";
        settings[$"{at}:Channel"] = channel;
        settings[$"{at}:TenantId"] = channel == "teams" ? BotHostFactory.MspTenant : "T0MSP";
        settings[$"{at}:UserId"] = userId;
        settings[$"{at}:Role"] = role;
        settings[$"{at}:DisplayName"] = name;
    }

    /// <summary>Triage cards go to <see cref="TriageChannel"/> on the stand-in, in the MSP's tenant.</summary>
    public static void AddTriage(IDictionary<string, string?> settings, BotConnectorStandIn connector)
    {
        settings["Handoff:Triage:Default:ServiceUrl"] = connector.ServiceUrl;
        settings["Handoff:Triage:Default:ConversationId"] = TriageChannel;
        settings["Handoff:Triage:Default:TenantId"] = BotHostFactory.MspTenant;
    }
}
