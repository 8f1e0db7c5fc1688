namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// The bot scopes the app asks for, each because a Web API method or an event needs it. The install link asks for
/// exactly these; a test keeps them, the client's methods and <c>manifests/slack/manifest.yaml</c> in step.
/// </summary>
public static class SlackScopes
{
    /// <summary>Web API method → the bot scope it needs (null: none beyond the token itself).</summary>
    public static IReadOnlyDictionary<string, string?> Methods { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["chat.postMessage"] = "chat:write",
        ["chat.update"] = "chat:write",
        ["chat.postEphemeral"] = "chat:write",
        ["views.open"] = null,
        ["views.update"] = null,
        ["users.info"] = "users:read",
        ["conversations.replies"] = "channels:history",
        ["oauth.v2.access"] = null,
        ["apps.connections.open"] = null, // app-level token with connections:write
    };

    /// <summary>The events the assistant subscribes to (see <see cref="SlackAgentHandler.Wants"/>).</summary>
    public static IReadOnlyList<string> Events { get; } = ["app_mention", "message.im", "message.channels", "message.groups"];

    /// <summary>Every bot scope requested at install.</summary>
    public static IReadOnlyList<string> Bot { get; } =
    [
        "app_mentions:read",   // app_mention events
        "channels:history",    // message.channels (thread follow-ups) and conversations.replies in public channels
        "groups:history",      // message.groups and conversations.replies in private channels
        "im:history",          // message.im
        "chat:write",          // chat.postMessage, chat.update, chat.postEphemeral
        "commands",            // /ticket and the shortcuts
        "users:read",          // users.info (display names)
        "files:read",          // url_private downloads of files shared while filing a ticket
    ];
}
