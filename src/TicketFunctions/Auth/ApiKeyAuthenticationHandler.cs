using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;

namespace MspSupport.TicketFunctions.Auth;

/// <summary>
/// Authenticates the <c>x-api-key</c> header against the configured key hashes. Every configured hash is compared
/// in constant time, so neither the key nor which key matched shows in the response time.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "x-api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]) || values[0]!.Length > 256)
        {
            return Task.FromResult(AuthenticateResult.Fail("Send exactly one x-api-key header."));
        }

        var presented = ApiKeyHash.Of(values[0]!);
        ApiKeyOptions? match = null;
        foreach (var key in auth.CurrentValue.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(key.Hash)))
            {
                match = key;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = CallerClaims.IsServiceRole(match.Role)
            ? CallerClaims.ServiceIdentity(SchemeName, $"key:{match.Name}", match.Name)
            : CallerClaims.Identity(SchemeName, $"key:{match.Name}", Enum.Parse<CallerRole>(match.Role, ignoreCase: true), match.CustomerId, match.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteUnauthorizedAsync(Context,
            Request.Headers.ContainsKey(HeaderName)
                ? "The API key is not valid. Check the x-api-key header."
                : "Authentication is required: send your API key in the x-api-key header, or a bearer token.");
}
