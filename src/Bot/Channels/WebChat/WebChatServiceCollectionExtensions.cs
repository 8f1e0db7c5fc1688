using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;

namespace MspSupport.Bot.Channels.WebChat;

public static class WebChatServiceCollectionExtensions
{
    /// <summary>The web chat's services: tokens, conversations, the agent bridge and the ticket notifier; settings validated at start-up.</summary>
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>().Bind(configuration.GetSection(WebChatOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<SignedIdentityReader>();
        services.AddSingleton<WebConversations>();
        services.AddSingleton<WebChatAgentBridge>();
        services.AddSingleton<IRequesterNotifier, WebChatTicketNotifier>();

        // Local mode: the browser users' tenant stands for the configured customer unless Identity says otherwise.
        services.AddOptions<IdentityOptions>().PostConfigure<IOptions<WebChatOptions>>((identity, webChat) =>
        {
            var options = webChat.Value;
            if (options.IsSigned || options.Auth.LocalCustomerId is not { Length: > 0 } customer ||
                identity.Tenants.Any(t => string.Equals(t.Channel, WebChatAgentBridge.Channel, StringComparison.OrdinalIgnoreCase) &&
                                          string.Equals(t.TenantId, options.Auth.LocalTenantId, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            identity.Tenants.Add(new IdentityEntry { Channel = WebChatAgentBridge.Channel, TenantId = options.Auth.LocalTenantId, Role = nameof(CallerRole.Customer), CustomerId = customer });
        });
        return services;
    }
}
