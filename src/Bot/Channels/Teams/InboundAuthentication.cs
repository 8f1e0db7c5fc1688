using Microsoft.IdentityModel.JsonWebTokens;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>The outcome of checking an inbound Bot Framework token.</summary>
public sealed record InboundAuthentication
{
    public bool Succeeded { get; private init; }

    /// <summary>Why the token was refused (for the logs; the caller only gets 401).</summary>
    public string? Failure { get; private init; }

    /// <summary>The token's <c>serviceurl</c> claim.</summary>
    public string? ServiceUrl { get; private init; }

    /// <summary>The channels the signing key is endorsed for (e.g. <c>msteams</c>).</summary>
    public IReadOnlyList<string> Endorsements { get; private init; } = [];

    public JsonWebToken? Token { get; private init; }

    public static InboundAuthentication Fail(string reason) => new() { Failure = reason };

    public static InboundAuthentication Success(string? serviceUrl, IReadOnlyList<string> endorsements, JsonWebToken token) =>
        new() { Succeeded = true, ServiceUrl = serviceUrl, Endorsements = endorsements, Token = token };
}
