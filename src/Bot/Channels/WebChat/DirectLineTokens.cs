using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// Issues and checks Direct Line tokens: HS256 JWTs signed with <c>WebChat:TokenSigningKey</c>, bound to one
/// conversation id and one user, with an expiry. A token is the only thing a browser holds, so everything the
/// endpoint allows is read from it and nothing from the request body.
/// </summary>
public sealed class DirectLineTokens
{
    public const string Issuer = "msp-support/webchat";
    public const string Audience = "directline";
    private const string ConversationClaim = "conv";
    private const string TenantClaim = "tid";
    private const string ScopeClaim = "scope";
    private const string StreamScope = "stream";
    private static readonly TimeSpan StreamLifetime = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public DirectLineTokens(IOptions<WebChatOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
        var secret = options.Value.TokenSigningKey is { Length: > 0 } configured
            ? Encoding.UTF8.GetBytes(configured)
            : RandomNumberGenerator.GetBytes(32);
        var key = new SymmetricSecurityKey(secret);
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            // Lifetime is checked below against the injected clock, so that tests can move time.
            ValidateLifetime = false,
        };
    }

    /// <summary>Seconds a token lives, as <c>expires_in</c> says.</summary>
    public int LifetimeSeconds => (int)_lifetime.TotalSeconds;

    public IssuedToken Issue(string conversationId, WebUser user) =>
        new(Create(conversationId, user, _lifetime, stream: false), LifetimeSeconds);

    /// <summary>A short-lived token for a <c>streamUrl</c>: URLs end up in logs, so it opens the stream and nothing more.</summary>
    public string IssueStream(string conversationId, WebUser user) => Create(conversationId, user, StreamLifetime, stream: true);

    public async Task<TokenCheck> CheckAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return new TokenCheck(TokenStatus.Missing, null);
        }

        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid)
        {
            return new TokenCheck(result.Exception is SecurityTokenExpiredException ? TokenStatus.Expired : TokenStatus.Invalid, null);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.ValidTo == DateTime.MinValue || _time.GetUtcNow().UtcDateTime >= jwt.ValidTo)
        {
            return new TokenCheck(TokenStatus.Expired, null);
        }

        if (!jwt.TryGetPayloadValue<string>(ConversationClaim, out var conversation) || string.IsNullOrEmpty(conversation) || string.IsNullOrEmpty(jwt.Subject))
        {
            return new TokenCheck(TokenStatus.Invalid, null);
        }

        var name = jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Name, out var n) ? n : null;
        var tenant = jwt.TryGetPayloadValue<string>(TenantClaim, out var t) ? t : null;
        var stream = jwt.TryGetPayloadValue<string>(ScopeClaim, out var scope) && scope == StreamScope;
        return new TokenCheck(TokenStatus.Valid, new DirectLineGrant(conversation, new WebUser(jwt.Subject, name, tenant), new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), stream));
    }

    private string Create(string conversationId, WebUser user, TimeSpan lifetime, bool stream)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(user);
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = user.Id,
            [ConversationClaim] = conversationId,
            [JwtRegisteredClaimNames.Jti] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
        };
        if (user.Name is { Length: > 0 } name)
        {
            claims[JwtRegisteredClaimNames.Name] = name;
        }

        if (user.TenantId is { Length: > 0 } tenant)
        {
            claims[TenantClaim] = tenant;
        }

        if (stream)
        {
            claims[ScopeClaim] = StreamScope;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = _credentials,
        });
    }
}
