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
        services.AddHttpClient(nameof(BotFrameworkAuthenticator));
        services.AddHttpClient("msal");
        services.AddHttpClient<ConnectorClient>().AddStandardResilienceHandler();
        services.AddHttpClient<TeamsFileDownloader>().AddStandardResilienceHandler();
        return services;
    }
}
