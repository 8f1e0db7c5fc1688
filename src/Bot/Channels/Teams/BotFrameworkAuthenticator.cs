using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Checks the bearer token on <c>POST /api/messages</c> as the Bot Framework authentication spec requires: signed by a
/// key from the Bot Framework's OpenID metadata (cached, refreshed when an unknown key shows up), the right issuer,
/// audience = our app id, within its lifetime (5 minutes of clock skew). <see cref="AuthenticateAsync"/> runs before the
/// body is read; <see cref="Matches"/> then ties the token to the activity (key endorsed for the channel, the
/// <c>serviceurl</c> claim equal to the activity's serviceUrl).
/// </summary>
public sealed class BotFrameworkAuthenticator
{
    private readonly TeamsOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private const int MaxCachedTokens = 1024;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, InboundAuthentication> _validated = new(StringComparer.Ordinal);

    public BotFrameworkAuthenticator(IOptions<TeamsOptions> options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        _options = options.Value;
        var url = new Uri(_options.OpenIdMetadataUrl);
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(nameof(BotFrameworkAuthenticator))) { RequireHttps = !url.IsLoopback };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(url.ToString(), new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
    }

    public async Task<InboundAuthentication> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return InboundAuthentication.Fail("The request carries no bearer token.");
        }

        var token = authorization["Bearer ".Length..].Trim();

        // The channel signs one token and sends it with many activities: a token checked before is not checked again
        // until it expires (the key lookup, the RSA signature and the claim checks are the costly part of a request).
        if (_validated.TryGetValue(token, out var known) && known.Token!.ValidTo > DateTime.UtcNow)
        {
            return known;
        }

        if (token.Length is 0 or > 16_384 || !_handler.CanReadToken(token))
        {
            return InboundAuthentication.Fail("The bearer token is not a JWT.");
        }

        var result = await ValidateAsync(token, cancellationToken);
        if (!result.Result.IsValid && result.Result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The Bot Framework rolls its keys: fetch the metadata again (rate-limited by RefreshInterval) and retry once.
            _metadata.RequestRefresh();
            result = await ValidateAsync(token, cancellationToken);
        }

        if (!result.Result.IsValid)
        {
            return InboundAuthentication.Fail(result.Result.Exception?.GetType().Name ?? "The token is not valid.");
        }

        var jwt = (JsonWebToken)result.Result.SecurityToken;
        var serviceUrl = jwt.TryGetPayloadValue<string>("serviceurl", out var claimed) ? claimed : null;
        var key = result.Configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == jwt.Kid);
        var success = InboundAuthentication.Success(serviceUrl, Endorsements(key), jwt);
        if (_validated.Count >= MaxCachedTokens)
        {
            _validated.Clear();
        }

        _validated[token] = success;
        return success;
    }

    /// <summary>Null when the token may speak for this activity; otherwise why not.</summary>
    public static string? Matches(InboundAuthentication authentication, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.ChannelId) || !authentication.Endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
        {
            return "The signing key is not endorsed for this channel.";
        }

        if (authentication.ServiceUrl is null || !SameUrl(authentication.ServiceUrl, activity.ServiceUrl))
        {
            return "The token's serviceurl claim does not match the activity's serviceUrl.";
        }

        return null;
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Configuration)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var configuration = await _metadata.GetConfigurationAsync(cancellationToken);
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = _options.ValidIssuers,
            ValidAudience = _options.AppId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromMinutes(5),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
        };
        return (await _handler.ValidateTokenAsync(token, parameters), configuration);
    }

    private static string[] Endorsements(JsonWebKey? key)
    {
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(e => e.GetString() ?? "")],
            string single => [single],
            IEnumerable items => [.. items.Cast<object>().Select(i => i?.ToString() ?? "")],
            _ => [],
        };
    }

    private static bool SameUrl(string claimed, string? actual) =>
        actual is not null && string.Equals(claimed.TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
