namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// Where the page's user comes from, bound from <c>WebChat:Auth</c>. <c>local</c>: the page asks for a token for a
/// browser-local user of one configured tenant (a laptop or a demo). <c>signed</c>: the embedding portal, which has
/// signed its user in, passes an HS256 identity token that is exchanged for a Direct Line token.
/// </summary>
public sealed class WebChatAuthOptions
{
    public const string LocalMode = "local";
    public const string SignedMode = "signed";

    public string Mode { get; set; } = LocalMode;

    /// <summary>Local mode: the tenant every browser user belongs to (map it with <c>Identity:Tenants</c>, channel <c>web</c>).</summary>
    public string LocalTenantId { get; set; } = "local";

    /// <summary>
    /// Local mode: the customer the local tenant stands for when <c>Identity</c> has no entry for it; empty means the
    /// local user is linked to no customer (may chat, may not file tickets).
    /// </summary>
    public string? LocalCustomerId { get; set; }

    /// <summary>Local mode: the display name of the browser user.</summary>
    public string LocalUserName { get; set; } = "Web user";

    /// <summary>Signed mode: the HS256 secret the portal signs identity tokens with (at least 32 characters).</summary>
    public string? IdentitySecret { get; set; }

    /// <summary>Signed mode: the expected <c>iss</c> of identity tokens; empty skips the check.</summary>
    public string? IdentityIssuer { get; set; }

    /// <summary>Signed mode: the expected <c>aud</c> of identity tokens; empty skips the check.</summary>
    public string? IdentityAudience { get; set; }
}
