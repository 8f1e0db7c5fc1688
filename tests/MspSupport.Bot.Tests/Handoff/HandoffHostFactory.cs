using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Handoff;

/// <summary>
/// The real bot host with the web chat (local mode: customer <c>contoso</c>), Teams against the Bot Connector stand-in
/// (a Teams customer tenant for <c>fabrikam</c>, whose drafts need review; one MSP technician) and the triage channel
/// pointed at a channel of the stand-in. At most three web conversations are held, so a test can lose one on purpose.
/// </summary>
internal sealed class HandoffHostFactory(BotConnectorStandIn connector) : AssistantHostFactory("handoff", TechKey, connector)
{
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
    }

    /// <summary>Triage cards go to <see cref="TriageChannel"/> on the stand-in, in the MSP's tenant.</summary>
    public static void AddTriage(IDictionary<string, string?> settings, BotConnectorStandIn connector)
    {
        settings["Handoff:Triage:Default:ServiceUrl"] = connector.ServiceUrl;
        settings["Handoff:Triage:Default:ConversationId"] = TriageChannel;
        settings["Handoff:Triage:Default:TenantId"] = BotHostFactory.MspTenant;
    }
}
