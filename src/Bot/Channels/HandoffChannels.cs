using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Bot.Channels.WebChat;
using MspSupport.Core.Handoff;

namespace MspSupport.Bot.Channels;

/// <summary>
/// Escalation and handoff in the host: the core's handoff services plus each channel's side of it. Customers are
/// reached in the web chat and Teams (Slack registers its own <see cref="ICustomerChannel"/>); triage cards go to Teams.
/// </summary>
public static class HandoffChannels
{
    public static IServiceCollection AddHandoffChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHandoff(configuration);
        services.AddOptions<HandoffOptions>().Validate<IOptions<TeamsOptions>>((handoff, teams) => !handoff.Enabled || teams.Value.Enabled,
            "Handoff:Triage:Default:ConversationId is set, but triage cards go to Teams and Teams:AppId is not set.");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICustomerChannel, WebChatCustomerChannel>());
        if (!string.IsNullOrWhiteSpace(configuration[$"{TeamsOptions.Section}:AppId"]))
        {
            // The connector cannot be built without the Teams settings.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ICustomerChannel, TeamsCustomerChannel>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ITriageChannel, TeamsTriageChannel>());
        }

        return services;
    }
}
