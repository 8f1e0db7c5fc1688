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

    private volatile CachedToken? _current;

    /// <summary>
    /// The current token. It is kept here until five minutes before it expires: MSAL's own cache is correct but
    /// costs a lookup with locks and logging on every send, which showed in the /api/messages benchmark.
    /// </summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.RenewAfter > DateTimeOffset.UtcNow)
        {
            return cached.AccessToken;
        }

        var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
        _current = new CachedToken(result.AccessToken, result.ExpiresOn - TimeSpan.FromMinutes(5));
        return result.AccessToken;
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RenewAfter);

    private sealed class FactoryClient(IHttpClientFactory httpClients) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => httpClients.CreateClient("msal");
    }
}
