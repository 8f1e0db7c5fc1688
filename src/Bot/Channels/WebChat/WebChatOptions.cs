namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// The web chat page and its Direct Line-compatible endpoint, bound from <c>WebChat</c>. On by default so that the
/// first command of the README opens a working page; everything a deployment must decide (signing key, identity
/// source, branding) is a setting validated at start-up.
/// </summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    public bool Enabled { get; set; } = true;

    /// <summary>Shown in the page's header and title.</summary>
    public string MspName { get; set; } = "MSP Support";

    /// <summary>Header, buttons and the user's bubbles (#rrggbb).</summary>
    public string PrimaryColor { get; set; } = "#0b5cad";

    /// <summary>Page background (#rrggbb).</summary>
    public string BackgroundColor { get; set; } = "#f3f6fa";

    /// <summary>
    /// Signs Direct Line tokens (HS256, at least 32 characters). Required in <c>signed</c> mode; in <c>local</c> mode an
    /// empty key means a random one per process (tokens then end with the process).
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>How long a Direct Line token lives; the client refreshes it before then.</summary>
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Largest activity a client may post, in bytes (413 above).</summary>
    public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>Longest message text a client may post, in characters.</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Activities kept per conversation (the oldest go first); enough for a page reload to show the history.</summary>
    public int HistoryLimit { get; set; } = 500;

    /// <summary>Conversations kept in memory; the least recently used goes when a new one would exceed it.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>An empty WebSocket message is sent after this many idle seconds, so that proxies keep the stream open.</summary>
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>
    /// The base URL clients reach this host at (for <c>streamUrl</c>), e.g. <c>https://chat.example.com</c>; empty means
    /// the request's own scheme and host.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public WebChatAuthOptions Auth { get; set; } = new();

    public bool IsSigned => string.Equals(Auth.Mode, WebChatAuthOptions.SignedMode, StringComparison.OrdinalIgnoreCase);
}
