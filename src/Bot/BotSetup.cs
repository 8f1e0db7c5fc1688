using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Bot.Channels.WebChat;
using MspSupport.Core.Agent;
using MspSupport.Core.Identity;
using MspSupport.Core.Knowledge;
using MspSupport.Core.Memory;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;
using MspSupport.TicketFunctions;

namespace MspSupport.Bot;

/// <summary>The whole assistant in one host: the ticket API, knowledge, memory, the agent, and each channel that is configured.</summary>
public static class BotSetup
{
    public static IServiceCollection AddAssistant(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddTicketFunctions(configuration, contentRoot);
        services.AddMemory(configuration);
        services.AddRequesterNotifications(configuration);
        services.AddKnowledge(configuration);
        services.PostConfigure<KnowledgeOptions>(o =>
        {
            o.SourcePath = Path.GetFullPath(o.SourcePath, contentRoot);
            o.IndexPath = Path.GetFullPath(o.IndexPath, contentRoot);
        });
        services.AddHostedService<KnowledgeStartupIngestion>();
        services.AddAgent(configuration);
        services.AddIdentityDirectory(configuration);
        services.AddTeamsChannel(configuration);
        services.AddSingleton<ITeamsActivityHandler, TeamsAgentHandler>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{TeamsOptions.Section}:AppId"]))
        {
            services.AddSingleton<IRequesterNotifier, TeamsTicketNotifier>(); // its connector cannot be built without the Teams settings
        }

        services.AddWebChat(configuration);
        services.AddHandoffChannels(configuration);
        services.AddSlackChannel(configuration);
        return services;
    }

    public static WebApplication UseAssistant(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseTicketFunctions();
        app.MapWebChat();
        if (app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value.Enabled)
        {
            app.MapTeams();
        }

        if (app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.Enabled)
        {
            app.MapSlack();
        }

        return app;
    }
}
