using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>The Teams channel's protocol services; validated at start-up when <c>Teams:AppId</c> is set.</summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.AddSingleton<BotFrameworkAuthenticator>();
        services.AddSingleton<BotTokenProvider>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<TeamsActivityLanes>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamsActivityLanes>());
        services.AddHttpClient(nameof(BotFrameworkAuthenticator));
        services.AddHttpClient("msal");
        // The connector client logs its own failures with the activity id; the factory's per-request logging handlers
        // (a scope and two Information lines per send) only cost time on the hot path.
        services.AddHttpClient<ConnectorClient>().RemoveAllLoggers().AddStandardResilienceHandler();
        services.AddHttpClient<TeamsFileDownloader>().AddStandardResilienceHandler();
        return services;
    }
}
