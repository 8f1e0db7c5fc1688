using Microsoft.Extensions.DependencyInjection;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// The real bot host with Teams pointed at the Bot Connector stand-in. A customer tenant maps to <c>contoso</c>; one
/// MSP user is a technician. Tests may add settings and replace services.
/// </summary>
internal sealed class BotHostFactory(
    BotConnectorStandIn connector,
    IReadOnlyDictionary<string, string?>? extraSettings = null,
    Action<IServiceCollection>? extraServices = null) : AssistantHostFactory("bot", TechKey, connector)
{
    public const string CustomerTenant = "f5ffd8cf-a1aa-4242-adad-86509faa3be5";
    public const string MspTenant = "0d0c0b0a-0000-4000-8000-000000000msp";
    public const string TechnicianAadId = "11111111-2222-4333-8444-555555555555";
    public const string TechKey = "bot-test-tech-key";

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Identity:Tenants:0:Channel"] = "teams";
        settings["Identity:Tenants:0:TenantId"] = CustomerTenant;
        settings["Identity:Tenants:0:Role"] = "Customer";
        settings["Identity:Tenants:0:CustomerId"] = "contoso";
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    protected override void ConfigureServices(IServiceCollection services) => extraServices?.Invoke(services);
}
