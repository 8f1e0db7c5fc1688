using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Marks;

namespace MspSupport.Bot.Channels.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>The Slack channel's services; validated at start-up when <c>Slack:SigningSecret</c> (or <c>Slack:AppToken</c>) is set.</summary>
    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        var keyRing = configuration[$"{SlackOptions.Section}:{nameof(SlackOptions.KeyRingPath)}"];
        var protection = services.AddDataProtection().SetApplicationName("MspSupport.Bot");
        if (!string.IsNullOrWhiteSpace(keyRing))
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keyRing));
        }

        services.AddMarks(configuration);
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackEventDeduplicator>();
        services.AddSingleton<SlackWorkLanes>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackWorkLanes>());
        services.AddSingleton<SlackThreads>();
        services.AddSingleton<SlackInstallations>();
        services.AddSingleton<SlackCallers>();
        services.AddSingleton<SlackAgentHandler>();
        services.AddSingleton<SlackEventIntake>();
        services.AddSingleton<SlackInteractions>();
        services.AddSingleton<SlackCommands>();
        services.AddSingleton<SlackPacer>();
        services.AddTransient<SlackRateLimitHandler>();
        services.AddHttpClient<SlackApiClient>(http => http.Timeout = TimeSpan.FromSeconds(30)).AddHttpMessageHandler<SlackRateLimitHandler>();
        services.AddHostedService<SlackSocketMode>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{SlackOptions.Section}:{nameof(SlackOptions.SigningSecret)}"]) || !string.IsNullOrWhiteSpace(configuration[$"{SlackOptions.Section}:{nameof(SlackOptions.AppToken)}"]))
        {
            services.AddSingleton<Core.Notifications.IRequesterNotifier, SlackTicketNotifier>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<Core.Handoff.ICustomerChannel, SlackCustomerChannel>());
        }

        return services;
    }
}
