using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// Signed mode: reads the identity the embedding portal vouches for, an HS256 JWT signed with
/// <c>WebChat:Auth:IdentitySecret</c> carrying <c>sub</c> (user id), <c>name</c> and <c>tid</c> (tenant), with an expiry.
/// Anything else (unsigned, wrong key, expired, no subject) is no identity at all.
/// </summary>
public sealed class SignedIdentityReader
{
    private readonly JsonWebTokenHandler _handler = new();
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private readonly TokenValidationParameters? _validation;
    private readonly TimeProvider _time = TimeProvider.System;

    public SignedIdentityReader(IOptions<WebChatOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var auth = options.Value.Auth;
        if (auth.IdentitySecret is not { Length: > 0 } secret)
        {
            return;
        }

        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = !string.IsNullOrEmpty(auth.IdentityIssuer),
            ValidIssuer = auth.IdentityIssuer,
            ValidateAudience = !string.IsNullOrEmpty(auth.IdentityAudience),
            ValidAudience = auth.IdentityAudience,
            ValidateLifetime = false,
        };
        _time = time;
    }

    public async Task<WebUser?> ReadAsync(string? token)
    {
        if (_validation is null || string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || string.IsNullOrWhiteSpace(jwt.Subject) || jwt.Subject.Length > 128)
        {
            return null;
        }

        // An identity must expire: checked against the injected clock, with a little skew for the portal's clock.
        var now = _time.GetUtcNow().UtcDateTime;
        if (jwt.ValidTo == DateTime.MinValue || now >= jwt.ValidTo + Skew || (jwt.ValidFrom != DateTime.MinValue && now + Skew < jwt.ValidFrom))
        {
            return null;
        }

        var name = jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Name, out var n) ? n : null;
        var tenant = jwt.TryGetPayloadValue<string>("tid", out var t) ? t : null;
        return new WebUser(jwt.Subject, name, tenant);
    }
}
