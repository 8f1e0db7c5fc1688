using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Outbound tokens for the Bot Connector: OAuth client credentials through MSAL, which caches each token until shortly
/// before it expires. Its HTTP goes through <see cref="IHttpClientFactory"/> (named client <c>msal</c>).
/// </summary>
public sealed class BotTokenProvider
{
    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;

    public BotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        var teams = options.Value;
        _scopes = [teams.TokenScope];
        _app = ConfidentialClientApplicationBuilder.Create(teams.AppId)
            .WithClientSecret(teams.AppPassword)
            .WithAuthority(teams.ResolvedAuthority, validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new FactoryClient(httpClients))
            .Build();
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken) =>
        (await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken)).AccessToken;

    private sealed class FactoryClient(IHttpClientFactory httpClients) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => httpClients.CreateClient("msal");
    }
}
