namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// The Azure Bot registration the Teams channel talks through. Bound from <c>Teams</c>; the channel is on when
/// <see cref="AppId"/> is set. Every URL is configurable so that a local stand-in can take the Bot Connector's place.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The bot's Microsoft App ID; inbound tokens must be issued for it (audience).</summary>
    public string? AppId { get; set; }

    /// <summary>Client secret used to get outbound tokens (from a secret store, never from the repository).</summary>
    public string? AppPassword { get; set; }

    /// <summary><c>MultiTenant</c> (default) or <c>SingleTenant</c>, as the Azure Bot registration says.</summary>
    public string AppType { get; set; } = "MultiTenant";

    /// <summary>The bot's home tenant; required for <c>SingleTenant</c>.</summary>
    public string? TenantId { get; set; }

    /// <summary>Where the Bot Framework publishes its token signing keys.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuers accepted on inbound tokens from the channel.</summary>
    public List<string> ValidIssuers { get; set; } = ["https://api.botframework.com"];

    /// <summary>Authority for outbound tokens; derived from <see cref="AppType"/> and <see cref="TenantId"/> when empty.</summary>
    public string? TokenAuthority { get; set; }

    /// <summary>Scope of outbound tokens for the Bot Connector.</summary>
    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Least time between two streaming updates of a model answer in a 1:1 chat. Teams throttles bots that stream
    /// faster than about one update a second; tests set it near zero to see every update.
    /// </summary>
    public TimeSpan StreamingUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The informative update shown (blue progress bar) while the model starts answering.</summary>
    public string StreamingInformativeText { get; set; } = "Searching the knowledge base…";

    /// <summary>
    /// How long a turn may take before the user sees a typing indicator; an answer ready sooner comes without one
    /// (botbuilder's ShowTypingMiddleware waits 500 ms too). Zero shows it at once.
    /// </summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the indicator is repeated while the turn goes on (Teams shows one for a few seconds).</summary>
    public TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Lanes that handle acknowledged activities side by side (one conversation always in the same lane, so its
    /// activities keep their order). The agent's SQLite calls hold a thread each, so more lanes than cores pay off.
    /// </summary>
    public int Workers { get; set; } = 16;

    /// <summary>Acknowledged activities waiting across all lanes; past it a request waits for room (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    public bool IsSingleTenant => string.Equals(AppType, "SingleTenant", StringComparison.OrdinalIgnoreCase);

    public string ResolvedAuthority => !string.IsNullOrWhiteSpace(TokenAuthority)
        ? TokenAuthority
        : $"https://login.microsoftonline.com/{(IsSingleTenant ? TenantId : "botframework.com")}";
}
