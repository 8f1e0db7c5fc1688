namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// The Slack app the assistant answers as. Bound from <c>Slack</c>; the channel is on when <see cref="SigningSecret"/>
/// is set. Every Slack URL is configurable so that a local stand-in can take Slack's place.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>The app's signing secret (Basic Information → App Credentials); every inbound request is checked with it.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Single-workspace mode: the bot token (<c>xoxb-…</c>) used for every workspace. Leave empty when workspaces install through OAuth.</summary>
    public string? BotToken { get; set; }

    /// <summary>OAuth v2 client id, for the multi-workspace install flow.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth v2 client secret (from a secret store, never from the repository).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where Slack sends the installer back to; must be one of the app's redirect URLs.</summary>
    public string? RedirectUrl { get; set; }

    /// <summary>Socket Mode: the app-level token (<c>xapp-…</c>) with <c>connections:write</c>. When set, events arrive over a WebSocket.</summary>
    public string? AppToken { get; set; }

    /// <summary>Base URL of the Slack Web API, ending in <c>/</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Slack's OAuth v2 authorize page the install link sends people to.</summary>
    public string AuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>How old a request's timestamp may be before it is refused as a replay (Slack recommends five minutes).</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Work items held after the acknowledgement, waiting and running; past it an event is answered 503 (over Socket
    /// Mode: not acknowledged) and Slack sends it again later.
    /// </summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Work items run at once. Each conversation (a thread, or a DM outside threads) is one lane whose events run one at
    /// a time in the order they came; lanes run side by side up to this many.
    /// </summary>
    public int Workers { get; set; } = 4;

    /// <summary>
    /// Threads the work items' code may use at once (their waits on Slack, the model or the store hold none). Unset:
    /// one fewer than the cores, at least one, so that a burst of work never takes the core that acknowledges events
    /// within Slack's three seconds.
    /// </summary>
    public int? WorkerThreads { get; set; }

    /// <summary><see cref="WorkerThreads"/> as set, or one fewer than <paramref name="cores"/> (at least one).</summary>
    public int WorkerThreadsFor(int cores) => WorkerThreads ?? Math.Max(1, cores - 1);

    /// <summary>
    /// Minimum time between two <c>chat.update</c> edits of a streamed answer. The default is the pace of
    /// <c>chat.update</c> in <see cref="Pacing"/> (Tier 3, 50 a minute); when several answers stream in one workspace at
    /// once, an edit the pace has no room for is skipped (the next one carries its text), never waited for.
    /// </summary>
    public TimeSpan StreamUpdateInterval { get; set; } = TimeSpan.FromSeconds(1.2);

    /// <summary>
    /// How fast each Web API method is called, before Slack has to answer 429: Slack's documented tiers per workspace,
    /// and per channel for <c>chat.postMessage</c>. Keys are method names; set <c>PerMinute</c> to 0 to leave a method
    /// unpaced. A 429's <c>Retry-After</c> is honoured on top of this.
    /// </summary>
    public Dictionary<string, SlackMethodPace> Pacing { get; set; } = new(StringComparer.Ordinal)
    {
        ["chat.postMessage"] = new() { PerMinute = 60, Burst = 3, PerChannel = true },
        ["chat.update"] = new() { PerMinute = 50, Burst = 5 },
        ["chat.postEphemeral"] = new() { PerMinute = 100, Burst = 10 },
        ["views.open"] = new() { PerMinute = 100, Burst = 10 },
        ["views.update"] = new() { PerMinute = 100, Burst = 10 },
        ["users.info"] = new() { PerMinute = 100, Burst = 10 },
        ["conversations.replies"] = new() { PerMinute = 50, Burst = 5 },
    };

    /// <summary>How long an event id is remembered so that Slack's retries of it are dropped (Slack retries within minutes).</summary>
    public TimeSpan EventDedupeWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Folder where OAuth installations are kept (bot tokens encrypted with Data Protection).</summary>
    public string InstallationsPath { get; set; } = "data/slack-installations";

    /// <summary>Folder of the Data Protection key ring that encrypts stored bot tokens; empty uses ASP.NET Core's default location.</summary>
    public string? KeyRingPath { get; set; }

    /// <summary>A link to a ticket in the MSP's portal (<c>{0}</c> is the ticket id), used for "more" links; optional.</summary>
    public string? TicketUrlTemplate { get; set; }

    /// <summary>Largest file shared while filing a ticket that is attached to it.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret) || !string.IsNullOrWhiteSpace(AppToken);

    public bool MultiWorkspace => !string.IsNullOrWhiteSpace(ClientId);

    public bool SocketMode => !string.IsNullOrWhiteSpace(AppToken);
}
